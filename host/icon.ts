/**
 * The block's icon as a component of the host's UI framework, drawn with the element factory the host
 * passes in (React's `createElement`, Preact's `h`...): the same shapes as the inline SVG, with the
 * host's props (class name, size, colour) on the <svg>.
 */
import { ZENDESK_ICON } from '../blocks/icon';
import type { HostBlockIcon, HostCreateElement, HostIconProps } from './types';

export function toHostIcon<E>(createElement: HostCreateElement<E>): HostBlockIcon<E> {
  if (typeof createElement !== 'function') {
    throw new TypeError('toHostIcon: createElement must be the host\'s element factory, e.g. React.createElement');
  }
  const ZendeskIcon = (props: HostIconProps = {}): E =>
    createElement('svg', { ...ZENDESK_ICON.attributes, ...props }, ...ZENDESK_ICON.paths.map((d) => createElement('path', { d })));
  return ZendeskIcon;
}
