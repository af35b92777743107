import Glibc
import HilumCommands

exit(HilumCommands.main(CommandLine.arguments))
