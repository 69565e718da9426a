using Mesa.Server;

var app = MesaServerApp.Build(args);
// Opening the state store and keys here makes a misconfigured data folder fail at start, not at the first request.
app.Services.GetRequiredService<Mesa.Server.Storage.StateDatabase>();
app.Services.GetRequiredService<Mesa.Server.Security.AccessTokens>();
app.Run();
