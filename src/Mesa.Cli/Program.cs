using Mesa.Cli;

StartupClock.Start();
return CommandList.Root(args).Parse(args).Invoke();
