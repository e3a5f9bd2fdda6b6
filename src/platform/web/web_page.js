// Deep links and the back button: the app's location lives in the URL hash
// (#/route/<id>, #/group/<id>), so a link shared in a chat opens that screen, on first
// load too, and the browser's back button goes back.
mergeInto(LibraryManager.library, {
  lx_location_init__deps: ['malloc', 'free'],
  lx_location_init: function () {
    var send = function () {
      var hash = location.hash || '#/';
      var length = lengthBytesUTF8(hash) + 1;
      var ptr = _malloc(length);
      stringToUTF8(hash, ptr, length);
      Module._lx_on_location(ptr);
      _free(ptr);
    };
    window.addEventListener('hashchange', send);
    window.addEventListener('popstate', send);
    send();  // the address the page was opened with
  },

  // Entries the app adds are marked, so it knows the entry before one of them is its own.
  lx_location_push: function (hashPtr) {
    var hash = UTF8ToString(hashPtr);
    if ((location.hash || '#/') !== hash) history.pushState({ liaoxiu: true }, '', hash);
  },

  // The app went back to `hash`. When the app added the entry shown, the one before it is
  // that screen: step back to it (its popstate then finds the app already there). Otherwise
  // (a link opened straight into a screen) the entry before may be another site: show the
  // screen in this entry instead of adding one.
  lx_location_back: function (hashPtr) {
    var hash = UTF8ToString(hashPtr);
    if (history.state && history.state.liaoxiu) history.back();
    else if ((location.hash || '#/') !== hash) history.replaceState(null, '', hash);
  }
});
