// Text from JavaScript into wasm (js_text_source.cpp), linked with --js-library: large
// bodies stay here and are read a chunk at a time; short strings are copied in whole, by
// lxStrings, the one place that does it.
mergeInto(LibraryManager.library, {
  // Bodies kept in JavaScript's memory. The wasm heap never shrinks, so a 57 MB catalogue
  // copied into it whole would stay the page's high-water mark; wasm reads a kept body
  // once, a chunk at a time (JsTextSource), and then releases it.
  $lxBodies: {
    next: 1,
    held: {},
    keep: function (bytes) {
      var id = lxBodies.next++;
      lxBodies.held[id] = { bytes: bytes, at: 0 };
      return id;
    }
  },

  lx_body_read__deps: ['$lxBodies'],
  lx_body_read: function (id, ptr, capacity) {
    var body = lxBodies.held[id];
    if (!body) return 0;
    var count = Math.min(capacity, body.bytes.length - body.at);
    HEAPU8.set(body.bytes.subarray(body.at, body.at + count), ptr);
    body.at += count;
    return count;
  },

  lx_body_release__deps: ['$lxBodies'],
  lx_body_release: function (id) {
    delete lxBodies.held[id];
  },

  // A JS string as a malloc'd NUL-terminated UTF-8 string: `copy` leaves it to the caller
  // (wasm frees what an import returns); `pass` hands it to `call` and frees it after.
  $lxStrings__deps: ['malloc', 'free'],
  $lxStrings: {
    copy: function (text) {
      var length = lengthBytesUTF8(text) + 1;
      var ptr = _malloc(length);
      stringToUTF8(text, ptr, length);
      return ptr;
    },
    pass: function (text, call) {
      var ptr = lxStrings.copy(text);
      try {
        return call(ptr);
      } finally {
        _free(ptr);
      }
    }
  }
});
