// The adapter contract suite against a backend URL, as a node:test file. `main.ts` runs it in a
// test runner process and passes the target in the environment (`TARGET_VARIABLE`).
import { HttpAdapter } from '../http-adapter.js';
import { runAdapterContract } from '../testing/adapter-contract.js';
import {
  TARGET_VARIABLE,
  cookieJarFetch,
  lastLinkFromHook,
  type ContractTarget,
} from './contract-target.js';

const target = JSON.parse(process.env[TARGET_VARIABLE] ?? 'null') as ContractTarget | null;
if (!target) throw new Error(`Run this suite through "kundportal-core contract-test <api-url>".`);
const { apiUrl, mailHook, timeoutMs } = target;

runAdapterContract(
  apiUrl,
  async () => ({
    connect: () => new HttpAdapter({ baseUrl: apiUrl, fetch: cookieJarFetch(), timeoutMs }),
    lastLink: async (email, purpose) => {
      if (!mailHook) throw new Error('No mail hook was given.');
      return lastLinkFromHook(mailHook, email, purpose);
    },
    close: async () => {},
  }),
  mailHook
    ? {}
    : {
        withoutMail:
          'needs the links the backend mails; pass --mail-hook <url> to check registration, password reset and sign-in links',
      },
);
