// JavaScript half of the web transport and storage of the sync engine (src/sync),
// fetch_transport.cpp's, linked with --js-library. Requests use plain fetch() so every status arrives with
// its body (a 409's reasons, a 304); localStorage is wrapped so that a full quota or a
// browser that refuses storage (private mode, disabled cookies) is an answer, not an
// exception.
mergeInto(LibraryManager.library, {
  $lxSync: {
    timeoutMs: 20000,
    largeBody: 128 * 1024  // the demo catalogue (216 KiB) is above it, so every e2e sync reads this way
  },

  // Sends one request; answers through lx_http_done(request, status, headers, body, length,
  // kept): `headers` is "Name: value\n" lines; status 0: no answer (network, timeout, CORS).
  // A 200 body above largeBody bytes stays here: `kept` names it (lxBodies), `body` is 0.
  lx_http_send__deps: ['$lxSync', '$lxBodies', '$lxStrings', '$lxLoop', 'malloc', 'free'],
  lx_http_send: function (request, methodPtr, urlPtr, headersPtr, bodyPtr, bodyLength) {
    var method = UTF8ToString(methodPtr);
    var url = UTF8ToString(urlPtr);
    var headers = {};
    UTF8ToString(headersPtr).split('\n').forEach(function (line) {
      var colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon)] = line.slice(colon + 1).trim();
    });
    var body = bodyLength > 0 ? HEAPU8.slice(bodyPtr, bodyPtr + bodyLength) : undefined;
    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, lxSync.timeoutMs) : 0;
    var done = function (status, headerText, bytes) {
      if (timer) clearTimeout(timer);
      lxStrings.pass(headerText, function (headerPtr) {
        if (status === 200 && bytes.length > lxSync.largeBody) {
          Module['_lx_http_done'](request, status, headerPtr, 0, 0, lxBodies.keep(bytes));
        } else {
          var bytesPtr = _malloc(bytes.length + 1);
          HEAPU8.set(bytes, bytesPtr);
          Module['_lx_http_done'](request, status, headerPtr, bytesPtr, bytes.length, 0);
          _free(bytesPtr);
        }
      });
      lxLoop.wake();  // the answer is handled by the next frame's poll
    };
    var options = { method: method, headers: headers, body: body, cache: 'no-store', credentials: 'omit',
                    redirect: 'follow' };
    if (controller) options.signal = controller.signal;
    fetch(url, options).then(function (response) {
      var headerText = '';
      response.headers.forEach(function (value, name) { headerText += name + ': ' + value + '\n'; });
      return response.arrayBuffer().then(function (buffer) {
        done(response.status, headerText, new Uint8Array(buffer));
      });
    }).catch(function (error) {
      var message = String((error && (error.name === 'AbortError' ? 'timeout' : error.message)) || error);
      done(0, '', new TextEncoder().encode(message));
    });
  },

  // localStorage: get returns a malloc'd string (the caller frees it) or 0 when absent
  // or unavailable; set returns 1 on success, 0 when refused (quota, private mode).
  lx_storage_get__deps: ['$lxStrings'],
  lx_storage_get: function (keyPtr) {
    try {
      var value = window.localStorage.getItem(UTF8ToString(keyPtr));
      return value === null ? 0 : lxStrings.copy(value);
    } catch (error) {
      return 0;
    }
  },

  lx_storage_set: function (keyPtr, valuePtr) {
    var key = UTF8ToString(keyPtr);
    try {
      window.localStorage.setItem(key, UTF8ToString(valuePtr));
      return 1;
    } catch (error) {
      // Most likely the quota: the old value would now be stale, so it goes.
      try { window.localStorage.removeItem(key); } catch (ignored) {}
      return 0;
    }
  },

  // A value written in pieces (the cached catalogue): its bytes are gathered here and decoded
  // once, whole (a piece may end inside a character). Past `limit` bytes no browser's
  // localStorage would take it, so it is refused early, before more is encoded.
  $lxPieces: { key: null, parts: [], length: 0, limit: 5 * 1024 * 1024 },

  lx_storage_begin__deps: ['$lxPieces'],
  lx_storage_begin: function (keyPtr) {
    lxPieces.key = UTF8ToString(keyPtr);
    lxPieces.parts = [];
    lxPieces.length = 0;
  },

  lx_storage_append__deps: ['$lxPieces'],
  lx_storage_append: function (ptr, length) {
    lxPieces.length += length;
    if (lxPieces.length > lxPieces.limit) return 0;
    lxPieces.parts.push(HEAPU8.slice(ptr, ptr + length));
    return 1;
  },

  lx_storage_commit__deps: ['$lxPieces'],
  lx_storage_commit: function () {
    var bytes = new Uint8Array(lxPieces.length);
    var at = 0;
    lxPieces.parts.forEach(function (part) { bytes.set(part, at); at += part.length; });
    var key = lxPieces.key;
    lxPieces.parts = [];
    try {
      window.localStorage.setItem(key, new TextDecoder().decode(bytes));
      return 1;
    } catch (error) {
      try { window.localStorage.removeItem(key); } catch (ignored) {}  // the old value is stale now
      return 0;
    }
  },

  lx_storage_abort__deps: ['$lxPieces'],
  lx_storage_abort: function () {
    lxPieces.parts = [];
    try { window.localStorage.removeItem(lxPieces.key); } catch (ignored) {}  // the old value is stale now
  },

  lx_storage_remove: function (keyPtr) {
    try {
      window.localStorage.removeItem(UTF8ToString(keyPtr));
    } catch (error) {
    }
  }
});
