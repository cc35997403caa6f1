// More of oidc-provider (no bundled types) than sso/oidc-provider.d.ts declares: what the demo
// identity provider uses to run its own login page and skip the consent screen.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** A pending login at the provider, between the authorization request and its answer. */
  export interface Interaction {
    uid: string;
    prompt: { name: string };
    params: Record<string, unknown>;
  }

  /** What the person allowed a client; `save()` answers its id. */
  export interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId: string };
  }

  /** One reason a prompt (login, consent) must be shown. */
  interface PolicyCheck {
    reason: string;
  }

  /** The login and consent prompts, and what decides whether each is shown. */
  interface Prompt {
    name: string;
    checks: PolicyCheck[] & { add(check: PolicyCheck): void };
  }

  export const interactionPolicy: {
    Check: {
      readonly REQUEST_PROMPT: true;
      readonly NO_NEED_TO_PROMPT: false;
      new (
        reason: string,
        description: string,
        check: (ctx: { oidc: { result?: InteractionResults } }) => boolean,
      ): PolicyCheck;
    };
    base(): Prompt[] & { get(name: string): Prompt | undefined };
  };

  export default interface Provider {
    Grant: new (fields: { accountId: string; clientId: string }) => Grant;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<Interaction>;
    /** Records the result and answers where to send the browser to resume the authorization. */
    interactionResult(
      request: IncomingMessage,
      response: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
  }
}
