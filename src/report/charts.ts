// Inline SVG charts (no script, no external asset): horizontal bars and the funnel.

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const PALETTE = ['#3b6fd8', '#2f9e74', '#d9822b', '#8e5ad6', '#c5443c', '#1f9fb3', '#a3a937', '#d35c9a'];

/** Horizontal bar chart of label → value (values shown beside the bars). */
export function barChart(values: Record<string, number>, options: { unit?: string; max?: number; limit?: number } = {}): string {
  const entries = Object.entries(values).slice(0, options.limit ?? 16);
  if (!entries.length) return '';
  const max = options.max ?? Math.max(1, ...entries.map(([, v]) => v));
  const row = 22;
  const labelWidth = 150;
  const barWidth = 260;
  const height = entries.length * row + 6;
  const bars = entries
    .map(([label, value], i) => {
      const y = i * row + 3;
      const w = Math.max(1, Math.round((value / max) * barWidth));
      return `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(label.length > 22 ? label.slice(0, 21) + '…' : label)}</text><rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${row - 6}" rx="3" fill="${PALETTE[i % PALETTE.length]}"/><text x="${labelWidth + w + 5}" y="${y + 14}">${escapeHtml(String(value))}${escapeHtml(options.unit ?? '')}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 ${labelWidth + barWidth + 70} ${height}" font-size="12" font-family="system-ui,sans-serif" fill="#1d2330">${bars}</svg>`;
}

/** The funnel: one centred bar per step, width proportional to its count. */
export function funnelChart(steps: { label: string; count: number }[]): string {
  const max = Math.max(1, ...steps.map((s) => s.count));
  const width = 460;
  const row = 26;
  const height = steps.length * row + 6;
  const bars = steps
    .map((step, i) => {
      const w = Math.max(2, Math.round((step.count / max) * (width - 20)));
      const x = (width - w) / 2;
      const y = i * row + 3;
      return `<rect x="${x}" y="${y}" width="${w}" height="${row - 5}" rx="3" fill="${PALETTE[0]}" fill-opacity="${(1 - i * (0.5 / steps.length)).toFixed(2)}"/><text x="${width / 2}" y="${y + 15}" text-anchor="middle" fill="#fff" stroke="#1d2330" stroke-width="2.5" paint-order="stroke">${escapeHtml(`${step.label}: ${step.count}`)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 ${width} ${height}" font-size="12" font-family="system-ui,sans-serif">${bars}</svg>`;
}
