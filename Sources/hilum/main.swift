import HilumCommands
exit(HilumCommands.main(CommandLine.arguments))
