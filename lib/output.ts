/** Shapes an answer to the documented output tree: every documented key present, extras kept. */
import type { OutputMap, OutputNode } from '../contract';

type Shape = (value: unknown) => unknown;
type ShapeObject = (value: Record<string, unknown>) => Record<string, unknown>;
type ShapeTop = (value: Record<string, unknown>, answer: object | undefined) => Record<string, unknown>;

/**
 * How a shaper treats what it is given. `copy`: the value may be anyone's (a param the caller passed,
 * an object the definition built), so what changes is copied and the value itself is left as it was.
 * `inPlace`: the value is part of an answer parsed for this call alone, so a missing key is added to
 * it directly: copying a ticket's 40 fields to add one made V8 turn the copy into a slow dictionary.
 */
type Mode = 'copy' | 'inPlace';

/**
 * A value shaped to its node: absent becomes null, a list or an object is shaped inside. What is
 * already in shape comes back as it is: answers are freshly parsed, and most hold every documented key.
 */
function shapeOf(node: OutputNode, mode: Mode): Shape {
  return nestedShape(node, mode) ?? ((value) => (value === undefined ? null : value));
}

/** The shape of a node with something inside (a list of items, an object of properties); undefined for a leaf. */
function nestedShape(node: OutputNode, mode: Mode): Shape | undefined {
  if (node.type === 'array' && node.items) {
    const item = shapeOf(node.items, mode);
    const list = mode === 'inPlace' ? shapeListInPlace : shapeListCopy;
    return (value) => (value === undefined || value === null ? null : Array.isArray(value) ? list(item, value) : value);
  }
  if (node.type === 'object' && node.properties) {
    const object = objectShape(node.properties, mode);
    return (value) =>
      value === undefined || value === null ? null : typeof value === 'object' && !Array.isArray(value) ? object(value as Record<string, unknown>) : value;
  }
  return undefined;
}

function shapeListCopy(item: Shape, list: unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i += 1) {
    const shaped = item(list[i]);
    if (shaped !== list[i] && !copy) copy = list.slice(0, i);
    copy?.push(shaped);
  }
  return copy ?? list;
}

function shapeListInPlace(item: Shape, list: unknown[]): unknown[] {
  for (let i = 0; i < list.length; i += 1) {
    const shaped = item(list[i]);
    if (shaped !== list[i]) list[i] = shaped;
  }
  return list;
}

/**
 * One function per output map and mode, generated once, that reads each documented key by its name.
 * V8 then caches every property access, where a loop over the keys looks each one up by a computed
 * name (on a ticket's 54 nodes, about half of the output-shaping time). Inside, an object keeps its
 * extra fields and a documented key it lacks is added as null (unless optional): to a copy, or to
 * the object itself in place.
 */
function objectShape(properties: OutputMap, mode: Mode): ShapeObject {
  const inner: Shape[] = [];
  // The object written to: the value itself in place; a copy made at the first change otherwise.
  const target = mode === 'inPlace' ? 'v' : '(c || (c = Object.assign({}, v)))';
  const lines: string[] = [mode === 'inPlace' ? 'let x, y;' : 'let c, x, y;'];
  for (const [key, node] of Object.entries(properties)) {
    const at = `[${JSON.stringify(key)}]`;
    lines.push(`x = v${at};`);
    const nested = nestedShape(node, mode);
    if (!nested) {
      // A leaf changes only from absent to null.
      if (!node.optional) lines.push(`if (x === undefined) ${target}${at} = null;`);
      continue;
    }
    inner.push(nested);
    lines.push(`${node.optional ? 'if (x !== undefined) { ' : '{ '}y = h[${inner.length - 1}](x); if (y !== x) ${target}${at} = y; }`);
  }
  lines.push(mode === 'inPlace' ? 'return v;' : 'return c || v;');
  // The source holds only the definitions' own keys, each quoted by JSON.stringify. Copies are made by
  // Object.assign: an object spread in generated code took V8's slow path, about 4 times slower.
  return new Function('h', `return function shape(v) {\n${lines.join('\n')}\n};`)(inner) as ShapeObject;
}

/**
 * The top level: a new object holding exactly the documented outputs. A value that is the parsed
 * answer or one of its top-level values (`ticket: body.ticket`) is the call's own and is shaped in
 * place; anything else (built by the definition, or a param) is shaped by copy.
 */
function topShape(properties: OutputMap): ShapeTop {
  const byCopy: Shape[] = [];
  const inPlace: Shape[] = [];
  const lines: string[] = ['const o = {};', 'let x;'];
  for (const [key, node] of Object.entries(properties)) {
    const at = `[${JSON.stringify(key)}]`;
    lines.push(`x = v${at};`);
    const copied = nestedShape(node, 'copy');
    let shaped = 'x === undefined ? null : x';
    if (copied) {
      byCopy.push(copied);
      inPlace.push(nestedShape(node, 'inPlace')!);
      const i = byCopy.length - 1;
      shaped = `(a !== undefined && partOf(a, x) ? p : h)[${i}](x)`;
    }
    lines.push(node.optional ? `if (x !== undefined) o${at} = ${shaped};` : `o${at} = ${shaped};`);
  }
  lines.push('return o;');
  return new Function('h', 'p', 'partOf', `return function shapeTop(v, a) {\n${lines.join('\n')}\n};`)(byCopy, inPlace, partOfAnswer) as ShapeTop;
}

/** Whether `value` is the answer or one of its top-level values: an object nobody else holds. */
function partOfAnswer(answer: object, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value === answer) return true;
  for (const key in answer) if ((answer as Record<string, unknown>)[key] === value) return true;
  return false;
}

const shapes = new WeakMap<OutputMap, ShapeTop>();

/**
 * The documented outputs of `value`, every documented key present. `answer`: the body parsed for
 * this call that `value` was read from, which nothing else holds: its parts are completed in place.
 * Without it nothing given is changed.
 */
export function conformOutputs(outputs: OutputMap, value: Record<string, unknown>, answer?: object): Record<string, unknown> {
  let shape = shapes.get(outputs);
  if (!shape) shapes.set(outputs, (shape = topShape(outputs)));
  return shape(value, answer);
}
