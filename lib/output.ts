/** Shapes an answer to the documented output tree: every documented key present, extras kept. */
import type { OutputMap, OutputNode } from '../contract';

type Shape = (value: unknown) => unknown;
type ShapeObject = (value: Record<string, unknown>) => Record<string, unknown>;

/**
 * A value shaped to its node: absent becomes null, a list or an object is shaped inside. What is
 * already in shape comes back as it is (no copy): answers are freshly parsed, and most already hold
 * every documented key. Only what changes is copied.
 */
function shapeOf(node: OutputNode): Shape {
  return nestedShape(node) ?? ((value) => (value === undefined ? null : value));
}

/** The shape of a node with something inside (a list of items, an object of properties); undefined for a leaf. */
function nestedShape(node: OutputNode): Shape | undefined {
  if (node.type === 'array' && node.items) {
    const item = shapeOf(node.items);
    return (value) => (value === undefined || value === null ? null : Array.isArray(value) ? shapeList(item, value) : value);
  }
  if (node.type === 'object' && node.properties) {
    const object = objectShape(node.properties, false);
    return (value) =>
      value === undefined || value === null ? null : typeof value === 'object' && !Array.isArray(value) ? object(value as Record<string, unknown>) : value;
  }
  return undefined;
}

function shapeList(item: Shape, list: unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i += 1) {
    const shaped = item(list[i]);
    if (shaped !== list[i] && !copy) copy = list.slice(0, i);
    copy?.push(shaped);
  }
  return copy ?? list;
}

/**
 * One function per output map, generated once, that reads each documented key by its name. V8 then
 * caches every property access, where a loop over the keys looks each one up by a computed name (on
 * a ticket's 54 nodes, about half of the executor's output-shaping time). `top`: the result holds
 * exactly the documented keys; inside, an object keeps its extra fields and a documented key it
 * lacks is added as null (unless optional).
 */
function objectShape(properties: OutputMap, top: boolean): ShapeObject {
  const inner: Shape[] = [];
  const lines: string[] = [top ? 'const o = {};' : 'let c;', 'let x, y;'];
  for (const [key, node] of Object.entries(properties)) {
    const at = `[${JSON.stringify(key)}]`;
    lines.push(`x = v${at};`);
    const nested = nestedShape(node);
    if (!nested) {
      // A leaf changes only from absent to null.
      if (top) lines.push(node.optional ? `if (x !== undefined) o${at} = x;` : `o${at} = x === undefined ? null : x;`);
      else if (!node.optional) lines.push(`if (x === undefined) (c || (c = Object.assign({}, v)))${at} = null;`);
      continue;
    }
    inner.push(nested);
    const shaped = `h[${inner.length - 1}](x)`;
    if (top) lines.push(node.optional ? `if (x !== undefined) o${at} = ${shaped};` : `o${at} = ${shaped};`);
    else lines.push(`${node.optional ? 'if (x !== undefined) { ' : '{ '}y = ${shaped}; if (y !== x) (c || (c = Object.assign({}, v)))${at} = y; }`);
  }
  lines.push(top ? 'return o;' : 'return c || v;');
  // The source holds only the definitions' own keys, each quoted by JSON.stringify. Copies are made by
  // Object.assign: an object spread in generated code took V8's slow path, about 4 times slower.
  return new Function('h', `return function shape(v) {\n${lines.join('\n')}\n};`)(inner) as ShapeObject;
}

const shapes = new WeakMap<OutputMap, ShapeObject>();

/** The top level holds exactly the documented outputs. */
export function conformOutputs(outputs: OutputMap, value: Record<string, unknown>): Record<string, unknown> {
  let shape = shapes.get(outputs);
  if (!shape) shapes.set(outputs, (shape = objectShape(outputs, true)));
  return shape(value);
}
