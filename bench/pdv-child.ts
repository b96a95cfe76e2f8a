/** Child process of the CLI benchmark: the `pdv` command compiled from the current sources (as bin/pdv.js runs build/cli). */
import { run } from "../src/cli/main";

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
