/**
 * A Zendesk-like mark, drawn for this block: a half disc and a triangle above, a triangle and a
 * half disc below, meeting on a diagonal like a Z. It takes the text colour (white on the block's green).
 * Kept as data so the inline SVG and a host's component (host/) draw the same shapes.
 */
export const ZENDESK_ICON = {
  attributes: {
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: '0 0 32 32',
    width: '24',
    height: '24',
    fill: 'currentColor',
    role: 'img',
    'aria-label': 'Zendesk',
  },
  paths: ['M3 7h11a5.5 5.5 0 0 1-11 0Z', 'M17 7h12L17 22Z', 'M15 10v15H3Z', 'M18 25a5.5 5.5 0 0 1 11 0Z'],
} as const;

const attributesText = Object.entries(ZENDESK_ICON.attributes)
  .map(([name, value]) => ` ${name}="${value}"`)
  .join('');

export const ZENDESK_ICON_SVG = `<svg${attributesText}>${ZENDESK_ICON.paths.map((d) => `<path d="${d}"/>`).join('')}</svg>`;

/** Zendesk's dark green. */
export const ZENDESK_BG_COLOR = '#03363D';
