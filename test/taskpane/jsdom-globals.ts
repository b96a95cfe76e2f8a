/** Node globals jsdom leaves out that the fake Excel host needs; import before it. */
import { TextDecoder, TextEncoder } from "util";

const g = globalThis as unknown as Record<string, unknown>;
if (typeof g.TextEncoder === "undefined") g.TextEncoder = TextEncoder;
if (typeof g.TextDecoder === "undefined") g.TextDecoder = TextDecoder;
