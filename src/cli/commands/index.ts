/**
 * Every `pdv` command, in the order `pdv --help` lists them. A new command is a new file in this
 * folder exporting a `Command` (../command.ts), added here.
 */
import type { Command } from "../command";
import { template } from "./template";
import { validate } from "./validate";
import { consolidate } from "./consolidate";
import { feedback } from "./feedback";
import { report } from "./report";
import { exportForm } from "./export";
import { samples } from "./samples";

export const COMMANDS: readonly Command[] = [template, validate, consolidate, feedback, report, exportForm, samples];
