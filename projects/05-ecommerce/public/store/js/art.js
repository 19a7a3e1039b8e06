// @ts-check
/**
 * Product pictures drawn here, offline: a tile coloured from the product's slug with its initials.
 * An image URL on this origin is used instead when the product has one.
 */
const NS = 'http://www.w3.org/2000/svg';

/** @param {string} text */
function hue(text) {
  let sum = 0;
  for (const char of text) sum = (sum * 31 + char.charCodeAt(0)) % 360;
  return sum;
}

/**
 * @param {{ slug: string, name: string, imageUrl?: string | null }} product
 * @param {number} size
 */
export function productArt(product, size) {
  if (product.imageUrl && new URL(product.imageUrl, location.href).origin === location.origin) {
    const img = document.createElement('img');
    img.src = product.imageUrl;
    img.alt = '';
    img.width = size;
    img.height = size;
    return img;
  }
  const base = hue(product.slug);
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 100 100');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('art');
  const shapes = [
    ['rect', { x: 0, y: 0, width: 100, height: 100, fill: `hsl(${base} 55% 85%)` }],
    ['circle', { cx: 78, cy: 22, r: 30, fill: `hsl(${(base + 40) % 360} 60% 70%)` }],
    [
      'rect',
      {
        x: -10,
        y: 70,
        width: 120,
        height: 40,
        fill: `hsl(${(base + 200) % 360} 35% 60%)`,
        transform: 'rotate(-8 50 80)',
      },
    ],
  ];
  for (const [name, attrs] of shapes) {
    const shape = document.createElementNS(NS, /** @type {string} */ (name));
    for (const [key, value] of Object.entries(attrs)) shape.setAttribute(key, String(value));
    svg.append(shape);
  }
  const label = document.createElementNS(NS, 'text');
  const initials = product.name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word[0] ?? '')
    .join('')
    .toUpperCase();
  for (const [key, value] of Object.entries({
    x: 50,
    y: 58,
    'text-anchor': 'middle',
    'font-size': 30,
    'font-weight': 700,
    fill: `hsl(${base} 50% 20%)`,
  }))
    label.setAttribute(key, String(value));
  label.textContent = initials;
  svg.append(label);
  return svg;
}
