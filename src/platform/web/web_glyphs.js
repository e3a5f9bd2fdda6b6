// Glyphs from the device's own fonts (web_glyphs.cpp), linked with --js-library.
mergeInto(LibraryManager.library, {
  // A 2D canvas draws each character in white; its
  // alpha is the coverage. lx_rasterize returns a malloc'd block (layout below) that the
  // caller frees.
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
    // Slot 0 holds an unassigned codepoint: whatever the browser draws for it is its
    // "no font has this" box. A character drawn identically is reported as missing (left
    // out), so the app draws and counts its own missing-glyph box instead of hiding tofu.
    var slots = [0x0378];
    for (var k = 0; k < count; k++) slots.push(HEAPU32[(codepoints >> 2) + k]);
    // No wider than the slots need: a character typed for the first time is drawn in a
    // frame, and reading back a 2048-pixel strip for it cost more than drawing it.
    var columns = Math.max(1, Math.min(slots.length, Math.floor(2048 / cell)));
    var rows = Math.ceil(slots.length / columns);
    var ctx = lxGlyphs.context(columns * cell, rows * cell);
    ctx.clearRect(0, 0, columns * cell, rows * cell);
    ctx.font = pixelSize + 'px ' + lxGlyphs.fontStack;
    ctx.fillStyle = 'white';
    ctx.textBaseline = 'alphabetic';
    var placed = [];
    for (var i = 0; i < slots.length; i++) {
      var cp = slots[i];
      var ch = String.fromCodePoint(cp);
      var cellX = (i % columns) * cell, cellY = Math.floor(i / columns) * cell;
      var penX = cellX + Math.floor(pixelSize * 0.5);
      var baseline = cellY + Math.floor(pixelSize * 0.25) + line.ascent;
      ctx.fillText(ch, penX, baseline);
      var m = ctx.measureText(ch);
      var left = Math.max(penX - Math.ceil(m.actualBoundingBoxLeft), cellX);
      var right = Math.min(penX + Math.ceil(m.actualBoundingBoxRight), cellX + cell);
      var top = Math.max(baseline - Math.ceil(m.actualBoundingBoxAscent), cellY);
      var bottom = Math.min(baseline + Math.ceil(m.actualBoundingBoxDescent), cellY + cell);
      placed.push({ cp: cp, x: left, y: top, w: Math.max(0, right - left), h: Math.max(0, bottom - top),
                    ox: left - penX, oy: top - (baseline - line.ascent), advance: Math.round(m.width) });
    }
    var pixels = ctx.getImageData(0, 0, columns * cell, rows * cell).data;
    var stride = columns * cell;
    var alphaOf = function (g) {
      var out = new Uint8Array(g.w * g.h);
      for (var y = 0; y < g.h; y++)
        for (var x = 0; x < g.w; x++) out[y * g.w + x] = pixels[((g.y + y) * stride + g.x + x) * 4 + 3];
      return out;
    };
    var tofu = alphaOf(placed[0]);
    var sameAsTofu = function (g, alpha) {
      if (tofu.length === 0 || g.w !== placed[0].w || g.h !== placed[0].h) return false;
      for (var i = 0; i < alpha.length; i++) if (alpha[i] !== tofu[i]) return false;
      return true;
    };
    var glyphs = [], total = 4;
    for (var g = 1; g < placed.length; g++) {
      var alpha = alphaOf(placed[g]);
      if (sameAsTofu(placed[g], alpha)) continue;
      placed[g].alpha = alpha;
      glyphs.push(placed[g]);
      total += 24 + ((alpha.length + 3) & ~3);
    }
    // Layout: int32 glyph count, then per glyph int32 codepoint, width, height, float32
    // offset_x, offset_y, advance, and width*height alpha bytes padded to 4.
    var block = _malloc(total);
    HEAP32[block >> 2] = glyphs.length;
    var at = block + 4;
    for (var n = 0; n < glyphs.length; n++) {
      var glyph = glyphs[n];
      HEAP32[at >> 2] = glyph.cp;
      HEAP32[(at >> 2) + 1] = glyph.w;
      HEAP32[(at >> 2) + 2] = glyph.h;
      HEAPF32[(at >> 2) + 3] = glyph.ox;
      HEAPF32[(at >> 2) + 4] = glyph.oy;
      HEAPF32[(at >> 2) + 5] = glyph.advance;
      HEAPU8.set(glyph.alpha, at + 24);
      at += 24 + ((glyph.alpha.length + 3) & ~3);
    }
    return block;
  },
});
