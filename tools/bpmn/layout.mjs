// Lays out the diagram of each given model left to right (bpmn-io's auto-layout) and writes it back.
// We write the process semantics by hand or in the Modeler; this gives a new model a first diagram. It routes
// loop-back flows through gateway labels, so it prints what check-layout finds: tidy that in the Modeler.
// Flow labels ("yes", "retry", …) are placed at the start of their flow, next to the gateway that decides,
// so that two flows sharing a return path do not stack their labels on top of each other.
// Usage: npm run layout -- ../../bpmn/customerOnboarding.bpmn
import { readFile, writeFile } from 'node:fs/promises';
import { layoutProcess } from 'bpmn-auto-layout';
import { check } from './check-layout.mjs';

const CHAR_WIDTH = 6;
const LABEL_HEIGHT = 14;

function flowNames(xml) {
  const names = new Map();
  for (const [, attributes] of xml.matchAll(/<bpmn:sequenceFlow\b([^>]*)>/g)) {
    const id = /\bid="([^"]+)"/.exec(attributes)?.[1];
    const name = /\bname="([^"]+)"/.exec(attributes)?.[1];
    if (id && name) {
      names.set(id, name);
    }
  }
  return names;
}

/**
 * The segment where this flow leaves the paths of its siblings (the other flows out of the same element):
 * a label there names only this flow.
 */
function ownSegment(waypoints, siblings) {
  for (let i = 0; i < waypoints.length - 1; i++) {
    const shared = siblings.some(other => other.length > i + 1
      && other[i].x === waypoints[i].x && other[i].y === waypoints[i].y
      && other[i + 1].x === waypoints[i + 1].x && other[i + 1].y === waypoints[i + 1].y);
    if (!shared) {
      return [waypoints[i], waypoints[i + 1], i];
    }
  }
  return [waypoints[0], waypoints[1], 0];
}

function labelBounds(name, waypoints, siblings) {
  const [from, to, index] = ownSegment(waypoints, siblings);
  const width = Math.max(20, name.length * CHAR_WIDTH);
  if (from.y === to.y) {
    const rightwards = to.x >= from.x;
    return { x: rightwards ? from.x + 6 : from.x - 6 - width, y: from.y - LABEL_HEIGHT - 3, width };
  }
  if (index > 0) {
    // flows that part on a shared corner: the middle of each one's own segment tells them apart
    return { x: from.x + 6, y: (from.y + to.y) / 2 - LABEL_HEIGHT / 2, width };
  }
  const downwards = to.y >= from.y;
  // below a gateway its own name sits at the top of the segment: start the flow's label under it
  return { x: from.x + 6, y: downwards ? from.y + 30 : from.y - 4 - LABEL_HEIGHT, width };
}

function sourcesOf(xml) {
  const sources = new Map();
  for (const [, attributes] of xml.matchAll(/<bpmn:sequenceFlow\b([^>]*)>/g)) {
    sources.set(/\bid="([^"]+)"/.exec(attributes)?.[1], /\bsourceRef="([^"]+)"/.exec(attributes)?.[1]);
  }
  return sources;
}

function waypointsByFlow(xml) {
  const waypoints = new Map();
  for (const [, flowId, body] of xml.matchAll(/<bpmndi:BPMNEdge id="[^"]*" bpmnElement="([^"]+)">([\s\S]*?)<\/bpmndi:BPMNEdge>/g)) {
    waypoints.set(flowId, [...body.matchAll(/<di:waypoint x="([\d.-]+)" y="([\d.-]+)"/g)]
      .map(([, x, y]) => ({ x: Number(x), y: Number(y) })));
  }
  return waypoints;
}

function placeFlowLabels(xml, names) {
  const sources = sourcesOf(xml);
  const allWaypoints = waypointsByFlow(xml);
  return xml.replace(/(<bpmndi:BPMNEdge id="[^"]*" bpmnElement="([^"]+)">)([\s\S]*?)(\s*)(<\/bpmndi:BPMNEdge>)/g,
    (edge, open, flowId, body, indent, close) => {
      const name = names.get(flowId);
      if (!name || body.includes('BPMNLabel')) {
        return edge;
      }
      const siblings = [...allWaypoints.entries()]
        .filter(([otherId]) => otherId !== flowId && sources.get(otherId) === sources.get(flowId))
        .map(([, other]) => other);
      const b = labelBounds(name, allWaypoints.get(flowId), siblings);
      const label = `\n        <bpmndi:BPMNLabel>\n          <dc:Bounds x="${Math.round(b.x)}" y="${Math.round(b.y)}" ` +
        `width="${b.width}" height="${LABEL_HEIGHT}" />\n        </bpmndi:BPMNLabel>`;
      return open + body + label + indent + close;
    });
}

for (const file of process.argv.slice(2)) {
  const source = await readFile(file, 'utf8');
  const laidOut = placeFlowLabels(await layoutProcess(source), flowNames(source));
  await writeFile(file, laidOut.endsWith('\n') ? laidOut : laidOut + '\n');
  console.log(`laid out ${file}`);
  check(laidOut).problems.forEach(problem => console.log(`  to tidy: ${problem}`));
}
