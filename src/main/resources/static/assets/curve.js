// The time-intensity curve of a run's contrast region, with onset, peak and the current frame marked.

export function drawCurve(canvas, values, { onset, peak, current } = {}) {
  const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth, h = canvas.clientHeight;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d');
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, w, h);
  if (!values || values.length < 2) {
    ctx.fillStyle = '#5f6b7a';
    ctx.font = '12px system-ui';
    ctx.fillText('No time-intensity curve', 8, h / 2);
    return;
  }
  const pad = { l: 30, r: 6, t: 8, b: 16 };
  const max = Math.max(...values, 1e-9), min = Math.min(0, ...values);
  const x = i => pad.l + (w - pad.l - pad.r) * i / (values.length - 1);
  const y = v => h - pad.b - (h - pad.t - pad.b) * (v - min) / (max - min);
  ctx.strokeStyle = '#dde3ea';
  ctx.strokeRect(pad.l, pad.t, w - pad.l - pad.r, h - pad.t - pad.b);
  ctx.fillStyle = '#5f6b7a';
  ctx.font = '10px system-ui';
  ctx.fillText(max.toFixed(0), 2, pad.t + 8);
  ctx.fillText('1', pad.l, h - 4);
  ctx.fillText(String(values.length), w - pad.r - 14, h - 4);
  const mark = (frame, color) => {
    if (!frame) return;
    ctx.strokeStyle = color;
    ctx.beginPath(); ctx.moveTo(x(frame - 1), pad.t); ctx.lineTo(x(frame - 1), h - pad.b); ctx.stroke();
  };
  mark(onset, '#9a6700');
  mark(peak, '#cf222e');
  ctx.strokeStyle = '#1f6feb';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  values.forEach((v, i) => i ? ctx.lineTo(x(i), y(v)) : ctx.moveTo(x(i), y(v)));
  ctx.stroke();
  if (current) {
    ctx.fillStyle = '#1f6feb';
    ctx.beginPath(); ctx.arc(x(current - 1), y(values[current - 1] ?? 0), 3.5, 0, 2 * Math.PI); ctx.fill();
  }
}
