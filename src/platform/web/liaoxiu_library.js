// JavaScript half of the web platform, linked with --js-library. Everything the
// C++ side needs from the browser goes through these few functions.

mergeInto(LibraryManager.library, {
  // Fetches a file that ships beside index.html (relative URL, so dist/ works under
  // any path prefix). The shell may have started the download already, with progress
  // (Module.liaoxiuPrefetch). Answers through lx_on_asset(request, ok, bytes, length).
  lx_fetch_asset__deps: ['malloc', 'free'],
  lx_fetch_asset: function (urlPtr, request) {
    var url = UTF8ToString(urlPtr);
    var pending = (Module.liaoxiuPrefetch && Module.liaoxiuPrefetch[url]) ||
      fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return r.arrayBuffer();
      });
    pending.then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      var ptr = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, ptr);
      Module._lx_on_asset(request, 1, ptr, bytes.length);
      _free(ptr);
    }, function (error) {
      var message = String(error && error.message || error);
      var length = lengthBytesUTF8(message) + 1;
      var ptr = _malloc(length);
      stringToUTF8(message, ptr, length);
      Module._lx_on_asset(request, 0, ptr, length - 1);
      _free(ptr);
    });
  },

  // Glyphs from the device's own fonts. A 2D canvas draws each character in white; its
  // alpha is the coverage. Returns a malloc'd block: per glyph int32 codepoint, width,
  // height, then float32 offset_x, offset_y, advance, then width*height alpha bytes
  // (padded to 4). The caller frees it.
  $lxGlyphs: {
    fontStack: '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", ' +
               '"Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif',
    canvas: null,
    context: function (width, height) {
      if (!this.canvas) {
        this.canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height)
                                                             : document.createElement('canvas');
      }
      if (this.canvas.width < width) this.canvas.width = width;
      if (this.canvas.height < height) this.canvas.height = height;
      return this.canvas.getContext('2d', { willReadFrequently: true });
    },
    metrics: function (pixelSize) {
      var ctx = this.context(64, 64);
      ctx.font = pixelSize + 'px ' + this.fontStack;
      var m = ctx.measureText('国Hg');
      var ascent = m.fontBoundingBoxAscent !== undefined ? m.fontBoundingBoxAscent : pixelSize * 0.88;
      var descent = m.fontBoundingBoxDescent !== undefined ? m.fontBoundingBoxDescent : pixelSize * 0.24;
      return { ascent: Math.ceil(ascent), descent: Math.ceil(descent) };
    }
  },

  lx_line_metrics__deps: ['$lxGlyphs'],
  lx_line_metrics: function (pixelSize, out) {
    var m = lxGlyphs.metrics(pixelSize);
    HEAPF32[out >> 2] = m.ascent;
    HEAPF32[(out >> 2) + 1] = m.descent;
  },

  lx_rasterize__deps: ['$lxGlyphs', 'malloc'],
  lx_rasterize: function (codepoints, count, pixelSize) {
    var line = lxGlyphs.metrics(pixelSize);
    var cell = Math.ceil(pixelSize * 2);            // room for wide or overhanging glyphs
    var columns = Math.max(1, Math.floor(2048 / cell));
    var rows = Math.ceil(count / columns);
    var ctx = lxGlyphs.context(columns * cell, rows * cell);
    ctx.clearRect(0, 0, columns * cell, rows * cell);
    ctx.font = pixelSize + 'px ' + lxGlyphs.fontStack;
    ctx.fillStyle = 'white';
    ctx.textBaseline = 'alphabetic';
    var glyphs = [];
    var total = 0;
    for (var i = 0; i < count; i++) {
      var cp = HEAPU32[(codepoints >> 2) + i];
      var ch = String.fromCodePoint(cp);
      var penX = (i % columns) * cell + Math.floor(pixelSize * 0.5);
      var baseline = Math.floor(i / columns) * cell + Math.floor(pixelSize * 0.25) + line.ascent;
      ctx.fillText(ch, penX, baseline);
      var m = ctx.measureText(ch);
      var left = Math.max(penX - Math.ceil(m.actualBoundingBoxLeft), (i % columns) * cell);
      var right = Math.min(penX + Math.ceil(m.actualBoundingBoxRight), (i % columns + 1) * cell);
      var top = Math.max(baseline - Math.ceil(m.actualBoundingBoxAscent), Math.floor(i / columns) * cell);
      var bottom = Math.min(baseline + Math.ceil(m.actualBoundingBoxDescent), (Math.floor(i / columns) + 1) * cell);
      var w = Math.max(0, right - left), h = Math.max(0, bottom - top);
      glyphs.push({ cp: cp, x: left, y: top, w: w, h: h, ox: left - penX,
                    oy: top - (baseline - line.ascent), advance: Math.round(m.width) });
      total += 24 + ((w * h + 3) & ~3);
    }
    var pixels = ctx.getImageData(0, 0, columns * cell, rows * cell);
    var stride = columns * cell;
    var block = _malloc(total);
    var at = block;
    for (var g = 0; g < glyphs.length; g++) {
      var glyph = glyphs[g];
      HEAP32[at >> 2] = glyph.cp;
      HEAP32[(at >> 2) + 1] = glyph.w;
      HEAP32[(at >> 2) + 2] = glyph.h;
      HEAPF32[(at >> 2) + 3] = glyph.ox;
      HEAPF32[(at >> 2) + 4] = glyph.oy;
      HEAPF32[(at >> 2) + 5] = glyph.advance;
      at += 24;
      for (var y = 0; y < glyph.h; y++)
        for (var x = 0; x < glyph.w; x++)
          HEAPU8[at + y * glyph.w + x] = pixels.data[((glyph.y + y) * stride + glyph.x + x) * 4 + 3];
      at += (glyph.w * glyph.h + 3) & ~3;
    }
    return block;
  },

  // The test-facing API (docs/testing.md): window.liaoxiu.ready, stats(), items().
  lx_publish_test_api: function () {
    var call = function (name) {
      var ptr = Module['_' + name]();
      return JSON.parse(UTF8ToString(ptr));
    };
    var api = window.liaoxiu || (window.liaoxiu = {});
    api.ready = false;
    api.stats = function () { return call('lx_test_stats'); };
    api.items = function () { return call('lx_test_items'); };
  },

  // The first frame is on screen: the shell removes its loading indicator.
  lx_first_frame: function () {
    if (Module.onFirstFrame) Module.onFirstFrame();
  },

  lx_set_ready: function () {
    window.liaoxiu.ready = true;
  }
});
