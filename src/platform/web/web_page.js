// The page around the app (web_page.cpp), linked with --js-library: the files beside
// index.html, the page's address and history, the live region for screen readers, the loader.
mergeInto(LibraryManager.library, {
  // Fetches a file that ships beside index.html (relative URL, so dist/ works under
  // any path prefix). The shell may have started the download already, with progress
  // (Module.liaoxiuPrefetch). Answers through lx_on_asset(request, body) with a body kept
  // here (lxBodies), or lx_on_asset_failed(request, reason).
  lx_fetch_asset__deps: ['$lxBodies', '$lxStrings', '$lxLoop'],
  lx_fetch_asset: function (urlPtr, request) {
    var url = UTF8ToString(urlPtr);
    var pending = (Module.liaoxiuPrefetch && Module.liaoxiuPrefetch[url]) ||
      fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return r.arrayBuffer();
      });
    pending.then(function (buffer) {
      Module._lx_on_asset(request, lxBodies.keep(new Uint8Array(buffer)));  // read from wasm in chunks
      lxLoop.wake();
    }, function (error) {
      lxStrings.pass(String(error && error.message || error), function (reason) {
        Module._lx_on_asset_failed(request, reason);
      });
      lxLoop.wake();
    });
  },

  // What wakes the sleeping loop (web_page.cpp): any input, a resize, the page becoming
  // visible. Listened for on window in the capture phase, so it runs before SDL's and the text
  // agent's own handlers (which may stop the event) and the frame that follows sees the event.
  // Finished fetches wake it where they are answered (lxLoop.wake()).
  $lxLoop: {
    heartbeat: 0,
    wake: function () { Module._lx_loop_wake(); }
  },
  lx_loop_init__deps: ['$lxLoop'],
  lx_loop_init: function () {
    var wake = function () { lxLoop.wake(); };
    ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'mousedown', 'mousemove', 'mouseup', 'wheel',
     'touchstart', 'touchmove', 'touchend', 'touchcancel', 'keydown', 'keyup', 'input', 'compositionstart',
     'compositionupdate', 'compositionend', 'paste', 'focus', 'blur', 'focusin', 'focusout', 'resize',
     'visibilitychange', 'pageshow'].forEach(function (type) {
      window.addEventListener(type, wake, { capture: true, passive: true });
    });
    document.addEventListener('visibilitychange', wake, { passive: true });
  },
  lx_loop_sleep__deps: ['$lxLoop'],
  lx_loop_sleep: function (ms) {
    clearTimeout(lxLoop.heartbeat);
    lxLoop.heartbeat = setTimeout(function () { Module._lx_loop_heartbeat(); }, ms);
  },

  // The first frame is on screen: the shell removes its loading indicator.
  lx_first_frame: function () {
    if (Module.onFirstFrame) Module.onFirstFrame();
  },

  // devicePixelRatio changes without a resize event when a window moves to a screen of
  // another density, or a zoom keeps the CSS size (media-query change events are not sent
  // everywhere: not under Chromium's emulation). SDL sizes the canvas's backing store only
  // on resize, so the text would blur: a resize event is raised for it when the ratio moves.
  $lxPixelRatio: { seen: 0 },
  lx_follow_pixel_ratio__deps: ['$lxPixelRatio'],
  lx_follow_pixel_ratio: function () {
    var ratio = window.devicePixelRatio || 1;
    if (ratio === lxPixelRatio.seen) return;
    if (lxPixelRatio.seen > 0) window.dispatchEvent(new Event('resize'));
    lxPixelRatio.seen = ratio;
  },

  // 1 when the page address has ?name=value (?kiosk=1, ?contrast=high).
  lx_page_flag: function (namePtr, valuePtr) {
    try {
      return new URLSearchParams(location.search).get(UTF8ToString(namePtr)) === UTF8ToString(valuePtr) ? 1 : 0;
    } catch (error) {
      return 0;
    }
  },

  // Screen readers cannot read a canvas: what changes (the screen's title, the number of
  // results, every notice) is written into visually hidden live regions, a polite
  // role=status and an assertive role=alert for errors. They come first in <body>, so
  // document.querySelector('[role=status]') finds this one, not the loader's.
  $lxLive: {
    regions: null,
    create: function (role, live) {
      var e = document.createElement('div');
      e.setAttribute('role', role);
      e.setAttribute('aria-live', live);
      e.setAttribute('aria-atomic', 'true');
      e.className = 'lx-live';
      // Visually hidden, still read: not display:none or visibility:hidden.
      e.style.cssText = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;' +
                        'clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;';
      document.body.insertBefore(e, document.body.firstChild);
      return e;
    },
    get: function () {
      if (!this.regions) {
        var alert = this.create('alert', 'assertive');
        var status = this.create('status', 'polite');  // inserted last, so first in the page
        this.regions = { status: status, alert: alert };
      }
      return this.regions;
    }
  },

  lx_announce__deps: ['$lxLive'],
  lx_announce: function (textPtr, urgent) {
    var regions = lxLive.get();
    var text = UTF8ToString(textPtr);
    var region = urgent ? regions.alert : regions.status;
    // The same words twice in a row (the same error again) must still be read.
    if (region.textContent === text) region.textContent = '';
    region.textContent = text;
  },

  // Deep links and the back button: the app's location lives in the URL hash
  // (#/route/<id>, #/group/<id>), so a link shared in a chat opens that screen, on first
  // load too, and the browser's back button goes back.
  // Every entry of this page's history carries its index (lxIndex: 0 for the entry the page
  // was opened in, +1 for each the app adds), so a kiosk reset knows how far back the clean
  // entry is. `resetting` is set while the page walks back there.
  $lxHistory: { resetting: false },
  lx_location_init__deps: ['$lxStrings', '$lxHistory'],
  lx_location_init: function () {
    var state = history.state || {};
    if (typeof state.lxIndex !== 'number') history.replaceState(Object.assign({}, state, { lxIndex: 0 }), '');
    var send = function () {
      if (lxHistory.resetting) {
        // Arrived at the clean entry: it shows home, and nothing after it matters any more.
        lxHistory.resetting = false;
        history.replaceState({ lxIndex: 0 }, '', lxHistory.home);
      }
      lxStrings.pass(location.hash || '#/', function (hash) { Module._lx_on_location(hash); });
    };
    window.addEventListener('hashchange', send);
    window.addEventListener('popstate', send);
    send();  // the address the page was opened with
  },

  // Entries the app adds are marked, so it knows the entry before one of them is its own.
  lx_location_push: function (hashPtr) {
    var hash = UTF8ToString(hashPtr);
    var index = (history.state && history.state.lxIndex) || 0;
    if ((location.hash || '#/') !== hash) history.pushState({ liaoxiu: true, lxIndex: index + 1 }, '', hash);
  },

  // The app moved in place (a new record, once saved, shown at its own place): the entry that
  // showed the empty form shows the record now, so the back button never returns to the form.
  lx_location_replace: function (hashPtr) {
    var hash = UTF8ToString(hashPtr);
    if ((location.hash || '#/') !== hash) history.replaceState(history.state, '', hash);
  },

  // The app went back to `hash`. When the app added the entry shown, the one before it is
  // that screen: step back to it (its popstate then finds the app already there). Otherwise
  // (a link opened straight into a screen) the entry before may be another site: show the
  // screen in this entry instead of adding one.
  lx_location_back: function (hashPtr) {
    var hash = UTF8ToString(hashPtr);
    if (history.state && history.state.liaoxiu) history.back();
    else if ((location.hash || '#/') !== hash) history.replaceState(history.state, '', hash);
  },

  // A kiosk reset (web_page.cpp): the browser's back button must not walk through the last
  // person's screens, and a screen reader must not read their words again. The page goes
  // back to the entry it was opened in and shows `hash` (home) there; the entries after it
  // are dropped by the next screen the app adds.
  lx_kiosk_reset__deps: ['$lxHistory', '$lxLive'],
  lx_kiosk_reset: function (hashPtr) {
    var hash = UTF8ToString(hashPtr);
    var regions = lxLive.get();
    regions.status.textContent = '';
    regions.alert.textContent = '';
    var index = (history.state && history.state.lxIndex) || 0;
    lxHistory.home = hash;
    if (index > 0) {
      lxHistory.resetting = true;
      history.go(-index);
    } else {
      history.replaceState({ lxIndex: 0 }, '', hash);
    }
  },

  // <html lang> follows the language shown, so screen readers speak it with the right voice.
  lx_set_lang: function (tagPtr) {
    document.documentElement.lang = UTF8ToString(tagPtr);
  }
});
