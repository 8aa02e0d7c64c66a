/**
 * A Zendesk-like mark, drawn for this block: a half disc and a triangle above, a triangle and a
 * half disc below, meeting on a diagonal like a Z. It takes the text colour (white on the block's green).
 */
export const ZENDESK_ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="24" height="24" fill="currentColor" role="img" aria-label="Zendesk">' +
  '<path d="M3 7h11a5.5 5.5 0 0 1-11 0Z"/>' +
  '<path d="M17 7h12L17 22Z"/>' +
  '<path d="M15 10v15H3Z"/>' +
  '<path d="M18 25a5.5 5.5 0 0 1 11 0Z"/>' +
  '</svg>';

/** Zendesk's dark green. */
export const ZENDESK_BG_COLOR = '#03363D';
