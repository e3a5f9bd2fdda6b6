// The device services of the screens in the browser (web_services.cpp), linked with
// --js-library: share links, the share sheet, the clipboard, file downloads.
mergeInto(LibraryManager.library, {
  // The page's address without its hash: the base of every share link and QR code.
  lx_page_address__deps: ['$lxStrings'],
  lx_page_address: function () {
    // Links and QR codes are for someone else's phone: never with the kiosk's own switch
    // (?kiosk=1 would make that phone a kiosk: no sign-in kept, reset after two minutes).
    var url = new URL(location.href);
    url.hash = '';
    url.searchParams.delete('kiosk');
    return lxStrings.copy(url.href.replace(/#$/, ''));
  },

  // The system share sheet where there is one (phones); otherwise the link is copied.
  // Returns 1 when the share sheet was opened.
  lx_share: function (titlePtr, urlPtr) {
    var title = UTF8ToString(titlePtr), url = UTF8ToString(urlPtr);
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () {});
      return 1;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).catch(function () {});
    return 0;
  },
  // Another page of the app beside this one (desk.html#/desk/members): same origin, same stored session.
  lx_open_page: function (pagePtr) {
    location.assign(new URL(UTF8ToString(pagePtr), location.href).href);
  },
  // An address outside the app: a tel: link goes to the dialler without leaving the page (a
  // new tab would stay blank); a map link opens beside the app, which keeps its state.
  lx_open_link: function (urlPtr) {
    var url = UTF8ToString(urlPtr);
    if (/^tel:/i.test(url)) { location.href = url; return; }
    if (/^https:/i.test(url)) window.open(url, '_blank', 'noopener');
  },
  lx_clipboard_write: function (text) {
    var value = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).catch(function () {});
  },

  // A file the app made (a roster's CSV), handed over as a download: the bytes are copied
  // out of the wasm heap into a Blob, and an <a download> is clicked.
  lx_save_file: function (namePtr, mimePtr, data, length) {
    var name = UTF8ToString(namePtr), mime = UTF8ToString(mimePtr);
    var bytes = HEAPU8.slice(data, data + length);
    var url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    var link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
  },

  // A document the app made (the printable monthly report: one self-contained HTML page),
  // opened in a new tab from a Blob URL so the browser can print it. A popup blocker may
  // refuse the new window: it is then handed over as a download (<title>.html) instead.
  lx_open_document: function (titlePtr, data, length) {
    var title = UTF8ToString(titlePtr);
    var bytes = HEAPU8.slice(data, data + length);
    var url = URL.createObjectURL(new Blob([bytes], { type: 'text/html;charset=utf-8' }));
    var opened = window.open(url, '_blank');
    if (!opened) {
      var link = document.createElement('a');
      link.href = url;
      link.download = title + '.html';
      link.style.display = 'none';
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
    }
    // The new tab has read it long before then (a revoked URL stays valid for a loaded page).
    setTimeout(function () { URL.revokeObjectURL(url); }, 120000);
  }
});
