/**
 * The base of every error whose message is written for the user (Vietnamese, naming the file,
 * sheet or cell where known): the port's (PortError), the core's refusals (ConsolidationError,
 * CsvError), the CLI's argument errors (CliError). A shell shows such a message as it is; any
 * other error is a fault of PDV or of Excel and is shown as unexpected, with its text.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}
