// `npm run test:load`: 200 simulated customers for 60 s on a throwaway PostgreSQL database
// (`-- --customers=N --seconds=S` for other sizes). Prints the figures; exits 1 when a reply
// was lost or duplicated, an answer was 5xx, memory kept growing or abuse went unthrottled.
import { parseArgs } from 'node:util';
import { postgresUnreachable } from '../../packages/server/src/test-support.js';
import { describeLoad, loadProblems, runLoad } from './load.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
  },
});
const customers = Number(values.customers);
const seconds = Number(values.seconds);

const unreachable = await postgresUnreachable();
if (unreachable) {
  console.log(`load test skipped: ${unreachable}`);
  process.exit(0);
}
const result = await runLoad({
  customers,
  seconds,
  log: (line) => process.stderr.write(`${line}\n`),
});
for (const line of describeLoad(result)) console.log(line);
const problems = loadProblems(result, { requireFlatMemory: seconds >= 30 });
for (const problem of problems) console.log(`FAILED: ${problem}`);
console.log(problems.length ? 'load test failed' : 'load test passed');
process.exit(problems.length ? 1 : 0);
