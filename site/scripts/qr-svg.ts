// A QR code as an SVG element, drawn in the page (no canvas, no server): uqr encodes, this draws
// one path of dark modules inside the quiet zone the QR specification asks for.
import { encode } from 'uqr';

const SVG = 'http://www.w3.org/2000/svg';
/** Modules of white space around the code (ISO/IEC 18004 asks for four). */
const QUIET = 4;

export function qrSvg(text: string, label: string): SVGSVGElement {
  // Medium error correction: a printed certificate survives a crease or a smudge.
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  let d = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  });
  const svg = document.createElementNS(SVG, 'svg');
  const extent = size + 2 * QUIET;
  for (const [name, value] of Object.entries({
    viewBox: `${-QUIET} ${-QUIET} ${extent} ${extent}`,
    role: 'img',
    'aria-label': label,
    'shape-rendering': 'crispEdges',
  })) {
    svg.setAttribute(name, value);
  }
  const background = document.createElementNS(SVG, 'rect');
  for (const [name, value] of Object.entries({ x: -QUIET, y: -QUIET, width: extent, height: extent, fill: '#fff' }))
    background.setAttribute(name, String(value));
  const modules = document.createElementNS(SVG, 'path');
  modules.setAttribute('d', d);
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  return svg;
}
