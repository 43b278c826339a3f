/** Placeholder until the OpenPGP core lands: reports every subcommand as unsupported. */
export async function runSop(args: string[]): Promise<number> {
  process.stderr.write(`lockpane sop: "${args[0] ?? ''}" is not implemented yet\n`);
  return 69;
}
