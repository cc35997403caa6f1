// A short run of `npm run test:load` (20 customers for 5 s), so the load test keeps working.
// Too short to judge memory; everything else must hold as in the full run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresUnreachable } from '../../packages/server/src/test-support.js';
import { describeLoad, loadProblems, runLoad } from './load.js';

test(
  'under 20 concurrent customers nothing is lost, duplicated or 5xx, and abuse is throttled',
  { skip: await postgresUnreachable() },
  async () => {
    const result = await runLoad({ customers: 20, seconds: 5 });
    for (const line of describeLoad(result)) console.log(`# ${line}`);
    assert.deepEqual(loadProblems(result, { requireFlatMemory: false }), []);
    assert.ok(result.resentSame > 0, 'replies were sent again under their key');
  },
);
