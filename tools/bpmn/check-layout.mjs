// Checks that each given model's diagram reads cleanly in the Modeler and in Cockpit, and exits 1 if one does not:
// - no two shapes overlap (a boundary event sits on its own task's border, nowhere else; an expanded sub-process
//   holds its own elements, their flows and labels, and nothing else);
// - every sequence flow is drawn with horizontal and vertical segments only, from its source's border to its target's;
// - no segment of a flow runs through a shape other than its own source and target;
// - a flow's label lies next to it (within 20px);
// - no segment of a flow runs through a label other than its own (a gateway's question, an event's name, another
//   flow's "yes"/"no"), nor does a label lie on a shape or on another label.
// Labels the diagram gives no bounds for are checked where bpmn-js puts them (under the shape, at the flow's middle),
// at the size their text takes in the Modeler's font (11px Arial, wrapped at 90px), estimated.
// Flows crossing each other are counted, not failed: a model with branches that meet again may need one.
// Usage: npm run -s check-layout [-- ../../bpmn/a.bpmn …]   (default: every model in ../../bpmn)
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ADVANCE = { // Arial advance widths in 1/1000 em, close enough to size a label
  ' ': 278, i: 222, l: 222, j: 222, f: 278, t: 278, r: 333, m: 833, w: 722, c: 500, k: 500, s: 500, v: 500, x: 500,
  y: 500, z: 500, I: 278, M: 833, W: 944, "'": 191, ',': 278, '.': 278, '-': 333,
};
const textWidth = text => [...text].reduce((w, ch) => w + (ADVANCE[ch] ?? (/[A-Z]/.test(ch) ? 700 : 556)), 0) * 11 / 1000;

function textSize(text) {
  const lines = [];
  for (const word of text.split(/\s+/)) {
    const joined = lines.length ? `${lines[lines.length - 1]} ${word}` : word;
    if (lines.length && textWidth(joined) <= 90) {
      lines[lines.length - 1] = joined;
    } else {
      lines.push(word);
    }
  }
  return { width: Math.max(...lines.map(textWidth)), height: lines.length * 13.5 };
}

const decode = s => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&amp;/g, '&');
const attribute = (attributes, name) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];
const bounds = text => {
  const b = /<dc:Bounds\b([^>]*)>/.exec(text)?.[1];
  return b && Object.fromEntries(['x', 'y', 'width', 'height'].map(k => [k, Number(attribute(b, k))]));
};

function parse(xml) {
  const elements = new Map();
  for (const [, type, attributes] of xml.matchAll(/<bpmn:(\w+)\b([^>]*?)\/?>/g)) {
    const id = attribute(attributes, 'id');
    if (id) {
      const name = attribute(attributes, 'name');
      elements.set(id, {
        id, type, name: name && decode(name).trim(), attachedTo: attribute(attributes, 'attachedToRef'),
        source: attribute(attributes, 'sourceRef'), target: attribute(attributes, 'targetRef'),
      });
    }
  }
  const shapes = new Map();
  for (const [, attributes, body] of xml.matchAll(/<bpmndi:BPMNShape\b([^>]*)>([\s\S]*?)<\/bpmndi:BPMNShape>/g)) {
    const label = /<bpmndi:BPMNLabel>([\s\S]*?)<\/bpmndi:BPMNLabel>/.exec(body);
    shapes.set(attribute(attributes, 'bpmnElement'), {
      bounds: bounds(body.replace(/<bpmndi:BPMNLabel>[\s\S]*?<\/bpmndi:BPMNLabel>/, '')),
      label: label && bounds(label[1]),
    });
  }
  const edges = new Map();
  for (const [, attributes, body] of xml.matchAll(/<bpmndi:BPMNEdge\b([^>]*)>([\s\S]*?)<\/bpmndi:BPMNEdge>/g)) {
    const label = /<bpmndi:BPMNLabel>([\s\S]*?)<\/bpmndi:BPMNLabel>/.exec(body);
    edges.set(attribute(attributes, 'bpmnElement'), {
      waypoints: [...body.matchAll(/<di:waypoint\b([^>]*)>/g)]
        .map(([, a]) => ({ x: Number(attribute(a, 'x')), y: Number(attribute(a, 'y')) })),
      label: label && bounds(label[1]),
    });
  }
  // An expanded sub-process holds its children: their shapes, flows and labels lie inside its own.
  const container = new Map();
  for (const [, attributes, body] of xml.matchAll(/<bpmn:subProcess\b([^>]*)>([\s\S]*?)<\/bpmn:subProcess>/g)) {
    const subProcess = attribute(attributes, 'id');
    for (const [, child] of body.matchAll(/<bpmn:\w+\b[^>]*?\bid="([^"]+)"/g)) {
      container.set(child, subProcess);
    }
  }
  return { elements, shapes, edges, container };
}

const hasExternalLabel = type => /Event$|Gateway$|^data(Object|Store)Reference$/.test(type);

/** Where bpmn-js shows a label the diagram gives no bounds for (its default position, sized to the text). */
function defaultLabel(element, shape, edge) {
  const size = textSize(element.name);
  if (shape) {
    const b = shape.bounds;
    return { x: b.x + b.width / 2 - size.width / 2, y: b.y + b.height, ...size };
  }
  const w = edge.waypoints;
  const mid = w.length / 2 - 1;
  const first = w[Math.floor(mid)];
  const second = w[Math.ceil(mid + 0.01)];
  let x = (first.x + second.x) / 2;
  let y = (first.y + second.y) / 2;
  if (Math.abs(Math.atan((second.y - first.y) / (second.x - first.x))) < Math.PI / 2) {
    y -= 15;
  } else {
    x += 15;
  }
  return { x: x - size.width / 2, y: y - size.height / 2, ...size };
}

const shrink = (b, by) => ({ x: b.x + by, y: b.y + by, width: b.width - 2 * by, height: b.height - 2 * by });
const boxesOverlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether the axis-parallel (or any) segment a–b enters the open box. */
function segmentHitsBox(a, b, box) {
  const minX = Math.min(a.x, b.x);
  const maxX = Math.max(a.x, b.x);
  const minY = Math.min(a.y, b.y);
  const maxY = Math.max(a.y, b.y);
  if (maxX <= box.x || minX >= box.x + box.width || maxY <= box.y || minY >= box.y + box.height) {
    return false;
  }
  if (a.x === b.x || a.y === b.y) {
    return true;
  }
  // a diagonal: sample it (diagonals are reported anyway)
  for (let t = 0; t <= 1; t += 0.01) {
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    if (x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height) {
      return true;
    }
  }
  return false;
}

function crossings(edges) {
  const segments = [...edges].flatMap(([id, e]) => e.waypoints.slice(1).map((p, i) => ({ id, a: e.waypoints[i], b: p })));
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const s = segments[i];
      const t = segments[j];
      if (s.id === t.id) {
        continue;
      }
      const h = s.a.y === s.b.y ? s : t.a.y === t.b.y ? t : null;
      const v = h === s ? t : s;
      if (h && v.a.x === v.b.x && v !== h) {
        const x = v.a.x;
        const y = h.a.y;
        if (x > Math.min(h.a.x, h.b.x) && x < Math.max(h.a.x, h.b.x) && y > Math.min(v.a.y, v.b.y)
          && y < Math.max(v.a.y, v.b.y)) {
          count++;
        }
      }
    }
  }
  return count;
}

/** How far the box is from the segment a–b (0 when they touch). */
function boxDistance(a, b, box) {
  let best = Infinity;
  for (let t = 0; t <= 1; t += 0.02) {
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    const dx = Math.max(box.x - x, 0, x - box.x - box.width);
    const dy = Math.max(box.y - y, 0, y - box.y - box.height);
    best = Math.min(best, Math.hypot(dx, dy));
  }
  return best;
}

const onBorder = (p, b) => (Math.abs(p.x - b.x) <= 1 || Math.abs(p.x - b.x - b.width) <= 1) && p.y >= b.y - 1
  && p.y <= b.y + b.height + 1 || (Math.abs(p.y - b.y) <= 1 || Math.abs(p.y - b.y - b.height) <= 1)
  && p.x >= b.x - 1 && p.x <= b.x + b.width + 1;

export function check(xml) {
  const { elements, shapes, edges, container } = parse(xml);
  const holds = (outer, inner) => container.get(inner) === outer;
  const problems = [];
  const labels = [];
  for (const [id, shape] of shapes) {
    const element = elements.get(id);
    if (element?.name && hasExternalLabel(element.type)) {
      labels.push({ id, box: shape.label ?? defaultLabel(element, shape) });
    }
  }
  for (const [id, edge] of edges) {
    if (elements.get(id)?.name) {
      labels.push({ id, box: edge.label ?? defaultLabel(elements.get(id), null, edge) });
    }
  }
  const shapeList = [...shapes];
  for (let i = 0; i < shapeList.length; i++) {
    for (let j = i + 1; j < shapeList.length; j++) {
      const [a, sa] = shapeList[i];
      const [b, sb] = shapeList[j];
      const attached = elements.get(a)?.attachedTo === b || elements.get(b)?.attachedTo === a;
      if (!attached && !holds(a, b) && !holds(b, a) && boxesOverlap(sa.bounds, sb.bounds)) {
        problems.push(`shapes overlap: ${a} and ${b}`);
      }
    }
  }
  for (const [id, edge] of edges) {
    const { source, target } = elements.get(id) ?? {};
    const w = edge.waypoints;
    w.slice(1).forEach((p, i) => {
      if (p.x !== w[i].x && p.y !== w[i].y) {
        problems.push(`${id}: diagonal segment (${w[i].x},${w[i].y})-(${p.x},${p.y})`);
      }
    });
    if (shapes.has(source) && !onBorder(w[0], shapes.get(source).bounds)) {
      problems.push(`${id}: starts off the border of its source ${source}`);
    }
    if (shapes.has(target) && !onBorder(w[w.length - 1], shapes.get(target).bounds)) {
      problems.push(`${id}: ends off the border of its target ${target}`);
    }
    for (const [shapeId, shape] of shapes) {
      if (shapeId !== source && shapeId !== target && !holds(shapeId, id)
        && w.slice(1).some((p, i) => segmentHitsBox(w[i], p, shrink(shape.bounds, 1)))) {
        problems.push(`${id}: runs through shape ${shapeId}`);
      }
    }
    const own = labels.find(label => label.id === id);
    if (own && Math.min(...w.slice(1).map((p, i) => boxDistance(w[i], p, own.box))) > 20) {
      problems.push(`${id}: its label is not next to it`);
    }
    for (const label of labels) {
      if (label.id !== id && w.slice(1).some((p, i) => segmentHitsBox(w[i], p, shrink(label.box, 1)))) {
        problems.push(`${id}: runs through the label of ${label.id}`);
      }
    }
  }
  for (let i = 0; i < labels.length; i++) {
    for (const [shapeId, shape] of shapes) {
      if (!holds(shapeId, labels[i].id) && boxesOverlap(shrink(labels[i].box, 1), shape.bounds)) {
        problems.push(`label of ${labels[i].id} lies on shape ${shapeId}`);
      }
    }
    for (let j = i + 1; j < labels.length; j++) {
      if (boxesOverlap(shrink(labels[i].box, 1), shrink(labels[j].box, 1))) {
        problems.push(`labels overlap: ${labels[i].id} and ${labels[j].id}`);
      }
    }
  }
  const xs = [...shapes.values()].flatMap(s => [s.bounds.x, s.bounds.x + s.bounds.width]);
  const ys = [...shapes.values()].flatMap(s => [s.bounds.y, s.bounds.y + s.bounds.height]);
  return {
    problems,
    crossings: crossings(edges),
    size: { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let files = process.argv.slice(2);
  if (!files.length) {
    const dir = fileURLToPath(new URL('../../bpmn/', import.meta.url));
    files = (await readdir(dir)).filter(f => f.endsWith('.bpmn')).sort().map(f => path.join(dir, f));
  }
  let failed = 0;
  for (const file of files) {
    const { problems, crossings: crossed, size } = check(await readFile(file, 'utf8'));
    const summary = `${size.width}x${size.height}, ${crossed} flow crossing${crossed === 1 ? '' : 's'}`;
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${path.basename(file)} (${summary})`);
    problems.forEach(p => console.log(`     ${p}`));
    failed += problems.length ? 1 : 0;
  }
  process.exitCode = failed ? 1 : 0;
}
