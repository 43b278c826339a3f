/** Placeholder until the S/MIME core lands: reports every subcommand as unsupported. */
export async function runSmime(args: string[]): Promise<number> {
  process.stderr.write(`lockpane smime: "${args[0] ?? ''}" is not implemented yet\n`);
  return 69;
}
