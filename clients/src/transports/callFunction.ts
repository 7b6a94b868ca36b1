import type { Transport } from "../result.js";

/** What `callFunction` needs of `wx.cloud` (CloudBase; typed by miniprogram-api-typings). */
export type CloudCaller = Pick<WechatMiniprogram.Wx["cloud"], "callFunction">;

/** Which CloudBase function the calls go to. */
export interface CallFunctionOptions {
  /** The function's name in the CloudBase environment. */
  readonly name: string;
}

/**
 * Calls through `wx.cloud.callFunction` (CloudBase): a direct invocation, its data the request's members
 * plus `"$url"` naming the route (tcb-router's convention, the document's `x-router-direct-invocation`).
 * CloudBase adds the caller's `userInfo`, which the function trusts on SCF. The answer is the function's
 * body; an invocation that failed arrives as CloudBase's error, its message carrying the function's.
 */
export function callFunction(cloud: CloudCaller, options: CallFunctionOptions): Transport {
  return async (request) => {
    const answer = await cloud.callFunction({ name: options.name, data: { ...request.members, $url: request.route } });
    return { status: 200, body: (answer as { result?: unknown }).result ?? null };
  };
}
