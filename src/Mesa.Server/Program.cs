using Mesa.Server;
using Mesa.Server.Security;
using Mesa.Server.Storage;

var app = MesaServerApp.Build(args);
// Opening the state store and keys here makes a misconfigured data folder fail at start, not at the first request.
app.Services.GetRequiredService<StateDatabase>();
app.Services.GetRequiredService<SigningKeys>().Current();
app.Services.GetRequiredService<UrlSigner>();
app.Run();
