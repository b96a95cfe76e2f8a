/**
 * The browser of the end-to-end tests and of the task pane benchmark: Debian's chromium (installed by
 * .ci/run), or another binary named by PDV_CHROMIUM, run headless with nothing reaching the network.
 */
export const CHROMIUM = process.env.PDV_CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
