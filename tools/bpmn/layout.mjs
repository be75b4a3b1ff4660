// Lays out the diagram of each given model left to right (bpmn-io's auto-layout) and writes it back.
// We write the process semantics by hand or in the Modeler; this keeps every diagram readable in Cockpit.
// Usage: npm run layout -- ../../bpmn/customerOnboarding.bpmn
import { readFile, writeFile } from 'node:fs/promises';
import { layoutProcess } from 'bpmn-auto-layout';

for (const file of process.argv.slice(2)) {
  const laidOut = await layoutProcess(await readFile(file, 'utf8'));
  await writeFile(file, laidOut.endsWith('\n') ? laidOut : laidOut + '\n');
  console.log(`laid out ${file}`);
}
