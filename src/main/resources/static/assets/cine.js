// Cine player for one run: frames rendered by the server (PNG), the first one drawn as soon as it
// arrives and the rest prefetched, played at the acquisition's frame time; window/level by drag
// (an SVG linear transfer filter on the image layer while dragging, so it costs nothing per frame;
// for data of more than 8 bits the server renders the frames again with the chosen window in
// modality values when the drag ends, since the filter can only stretch 8 rendered bits), wheel
// zoom, pan, and an overlay layer the page draws on in image coordinates.

const PREFETCH_PARALLEL = 3;
let filterSeq = 0;

async function decoded(url) {
  const img = new Image();
  img.src = url;
  await img.decode();
  return img;
}

export class Cine {
  /** @param stage element holding the two canvases; hooks: onFrame(i), onImageClick({frame,column,row}), drawOverlay(ctx, view) */
  constructor(stage, hooks = {}) {
    this.stage = stage;
    this.hooks = hooks;
    this.image = stage.appendChild(document.createElement('canvas'));
    this.overlay = stage.appendChild(document.createElement('canvas'));
    this.hud = stage.appendChild(Object.assign(document.createElement('div'), { className: 'hud' }));
    this.tool = 'wl';
    this.playing = false;
    this.frames = [];
    this.index = 0;
    this.filterId = `fv-wl-${++filterSeq}`;
    this.#makeFilter();
    this.#bindMouse();
    new ResizeObserver(() => this.#resize()).observe(stage);
  }

  /**
   * Opens a run; info (a promise of GET /api/instances/{uid}/frames) is fetched while the first
   * frame loads. Resolves when the first frame is drawn; the other frames follow in the background.
   */
  async open(uid, infoPromise) {
    this.pause();
    this.uid = uid;
    this.generation = (this.generation || 0) + 1;
    this.window = null; // the server's default window until a drag on data of more than 8 bits
    delete this.stage.dataset.window;
    const first = decoded(this.frameUrl(0));
    const info = await infoPromise;
    this.info = info;
    this.frameTime = info.frameTimeMs || 1000 / 15;
    this.frames = new Array(info.frames).fill(null);
    this.index = 0;
    this.resetView();
    this.stage.dataset.buffered = '';
    this.frames[0] = await first;
    this.draw();
    this.#prefetch(this.generation);
  }

  /** A rendered frame; {@code window} ({center, width} in modality values) or null for the server's default. */
  frameUrl(i, window = this.window) {
    const w = window ? `?window=${window.center.toFixed(2)},${window.width.toFixed(2)}` : '';
    return `/api/instances/${encodeURIComponent(this.uid)}/frames/${i + 1}/rendered${w}`;
  }

  /** The window the frames on hand were rendered with, in modality values (null when the server did not say). */
  baseWindow() {
    if (this.window) return this.window;
    const c = this.info?.renderWindowCenter, w = this.info?.renderWindowWidth;
    return c != null && w != null ? { center: c, width: w } : null;
  }

  /**
   * Renders the run again with {@code window} (null: the server's default): the current frame first,
   * swapped in with the display filter reset once it has arrived, then the others in the background.
   * A newer open() or window wins over an older one.
   */
  async #renderWith(window) {
    const generation = ++this.generation;
    const img = await decoded(this.frameUrl(this.index, window));
    if (generation !== this.generation) return;
    this.window = window;
    if (window) this.stage.dataset.window = `${Math.round(window.center)},${Math.round(window.width)}`;
    else delete this.stage.dataset.window;
    this.frames = new Array(this.frames.length).fill(null);
    this.frames[this.index] = img;
    this.wl = { level: 128, width: 256 };
    this.#applyWl();
    this.stage.dataset.buffered = '';
    this.draw();
    this.#prefetch(generation);
  }

  /** After a window/level drag: on data of more than 8 bits, the chosen window from the server. */
  #windowFromServer() {
    const base = this.baseWindow();
    if (!base || !(this.info?.bitsStored > 8)) return;
    const { level, width } = this.wl;
    this.#renderWith({ center: base.center + (level / 255 - 0.5) * base.width, width: Math.max(1, width / 255 * base.width) });
  }

  async #load(i) {
    if (this.frames[i]) return this.frames[i];
    const frames = this.frames, img = await decoded(this.frameUrl(i));
    if (frames === this.frames) frames[i] = img; // not from before a new window
    return img;
  }

  /** Loads the remaining frames in order, a few at a time; a newer open() stops an older prefetch. */
  async #prefetch(generation) {
    let next = 0; // frames on hand are skipped
    const worker = async () => {
      while (next < this.frames.length && generation === this.generation) {
        const i = next++;
        if (this.frames[i]) continue;
        try { await this.#load(i); } catch { /* shown as a missing frame; the slider still works */ }
        if (generation !== this.generation) return;
        if (this.waitingFor === i) this.waitingFor = null;
        this.draw();
      }
    };
    await Promise.all(Array.from({ length: PREFETCH_PARALLEL }, worker));
    if (generation === this.generation) {
      this.stage.dataset.buffered = 'true';
      performance.mark('fv-all-frames');
    }
  }

  loadedCount() { return this.frames.filter(Boolean).length; }

  // ---- playback
  play() {
    if (this.playing || this.frames.length < 2) return;
    this.playing = true;
    this.stalls = 0;
    this.stage.dataset.stalls = 0;
    let last = performance.now(), due = 0;
    const tick = now => {
      if (!this.playing) return;
      due += now - last;
      last = now;
      while (due >= this.frameTime) {
        due -= this.frameTime;
        const n = (this.index + 1) % this.frames.length;
        if (!this.frames[n]) { this.stage.dataset.stalls = ++this.stalls; this.waitingFor = n; due = 0; break; } // wait for the frame, never skip it
        this.index = n;
      }
      this.draw();
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
    this.hooks.onPlayState?.(true);
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.hooks.onPlayState?.(false);
  }

  toggle() { this.playing ? this.pause() : this.play(); }

  seek(i) {
    this.index = Math.max(0, Math.min(this.frames.length - 1, i));
    if (!this.frames[this.index]) this.#load(this.index).then(() => this.draw());
    this.draw();
  }

  step(d) { this.pause(); this.seek(this.index + d); }

  // ---- view: image pixel (column,row) -> canvas pixel = (column*scale+tx, row*scale+ty)
  resetView() {
    this.wl = { level: 128, width: 256 };
    this.#applyWl();
    if (this.window) this.#renderWith(null);
    this.fit = true;
    this.#resize();
  }

  #resize() {
    const r = this.stage.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    for (const c of [this.image, this.overlay]) { c.width = Math.max(1, Math.round(r.width * dpr)); c.height = Math.max(1, Math.round(r.height * dpr)); }
    if (this.fit && this.info) {
      this.scale = Math.min(this.image.width / this.info.columns, this.image.height / this.info.rows);
      this.tx = (this.image.width - this.info.columns * this.scale) / 2;
      this.ty = (this.image.height - this.info.rows * this.scale) / 2;
    }
    this.draw();
  }

  toImage(clientX, clientY) {
    const r = this.overlay.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    return { column: ((clientX - r.left) * dpr - this.tx) / this.scale, row: ((clientY - r.top) * dpr - this.ty) / this.scale };
  }

  draw() {
    if (!this.info) return;
    const img = this.frames[this.index] || this.frames.slice(0, this.index).reverse().find(Boolean);
    const ctx = this.image.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, this.image.width, this.image.height);
    if (img) {
      ctx.imageSmoothingEnabled = this.scale < 2;
      ctx.setTransform(this.scale, 0, 0, this.scale, this.tx, this.ty);
      ctx.drawImage(img, 0, 0, this.info.columns, this.info.rows);
    }
    const o = this.overlay.getContext('2d');
    o.setTransform(1, 0, 0, 1, 0, 0);
    o.clearRect(0, 0, this.overlay.width, this.overlay.height);
    this.hooks.drawOverlay?.(o, { scale: this.scale, tx: this.tx, ty: this.ty, frame: this.index + 1 });
    const fps = (1000 / this.frameTime).toFixed(1);
    this.hud.textContent = `frame ${this.index + 1}/${this.frames.length}  ${this.frameTime.toFixed(1)} ms (${fps}/s)\n`
      + `${this.wlText()}  zoom ${(this.scale / (this.image.width / this.stage.getBoundingClientRect().width || 1)).toFixed(2)}x`
      + (this.loadedCount() < this.frames.length ? `\nloading ${this.loadedCount()}/${this.frames.length}` : '');
    this.hooks.onFrame?.(this.index);
  }

  // ---- window/level: display values d in 0..1 become d*255/W - (L - W/2)/W
  wlText() {
    const { level, width } = this.wl, base = this.baseWindow();
    if (base) {
      return `W ${Math.round(width / 255 * base.width)} L ${Math.round(base.center + (level / 255 - 0.5) * base.width)}`;
    }
    return `W ${Math.round(width)} L ${Math.round(level)} (display)`;
  }

  #makeFilter() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '0'); svg.setAttribute('height', '0');
    svg.style.position = 'absolute';
    const filter = svg.appendChild(document.createElementNS(ns, 'filter'));
    filter.id = this.filterId;
    filter.setAttribute('color-interpolation-filters', 'sRGB');
    const transfer = filter.appendChild(document.createElementNS(ns, 'feComponentTransfer'));
    this.funcs = ['feFuncR', 'feFuncG', 'feFuncB'].map(n => {
      const f = transfer.appendChild(document.createElementNS(ns, n));
      f.setAttribute('type', 'linear');
      return f;
    });
    this.stage.appendChild(svg);
  }

  #applyWl() {
    const { level, width } = this.wl;
    const slope = 255 / width, intercept = -(level - width / 2) / width;
    for (const f of this.funcs) { f.setAttribute('slope', slope.toFixed(4)); f.setAttribute('intercept', intercept.toFixed(4)); }
    this.image.style.filter = (level === 128 && width === 256) ? '' : `url(#${this.filterId})`;
  }

  #bindMouse() {
    const o = this.overlay;
    let drag = null;
    o.addEventListener('contextmenu', e => e.preventDefault());
    o.addEventListener('pointerdown', e => {
      o.setPointerCapture(e.pointerId);
      const mode = (e.button === 1 || e.button === 2 || e.shiftKey) ? 'pan' : this.tool;
      drag = { mode, x: e.clientX, y: e.clientY, moved: false, wl: { ...this.wl }, tx: this.tx, ty: this.ty };
    });
    o.addEventListener('pointermove', e => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y, dpr = window.devicePixelRatio || 1;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.mode === 'wl') {
        this.wl = { width: Math.max(2, drag.wl.width + dx), level: drag.wl.level - dy };
        this.#applyWl();
        this.draw();
      } else if (drag.mode === 'pan') {
        this.fit = false;
        this.tx = drag.tx + dx * dpr;
        this.ty = drag.ty + dy * dpr;
        this.draw();
      }
    });
    o.addEventListener('pointerup', e => {
      if (drag?.moved && drag.mode === 'wl') this.#windowFromServer();
      if (drag && !drag.moved && drag.mode === 'tip') {
        const p = this.toImage(e.clientX, e.clientY);
        if (p.column >= 0 && p.row >= 0 && p.column < this.info.columns && p.row < this.info.rows) {
          this.hooks.onImageClick?.({ frame: this.index + 1, column: Math.round(p.column), row: Math.round(p.row) });
        }
      }
      drag = null;
    });
    o.addEventListener('wheel', e => {
      e.preventDefault();
      const r = o.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
      const cx = (e.clientX - r.left) * dpr, cy = (e.clientY - r.top) * dpr;
      const k = Math.exp(-e.deltaY * 0.0015);
      this.fit = false;
      this.tx = cx - (cx - this.tx) * k;
      this.ty = cy - (cy - this.ty) * k;
      this.scale *= k;
      this.draw();
    }, { passive: false });
    o.addEventListener('dblclick', () => this.resetView());
  }
}
