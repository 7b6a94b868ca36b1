using System.Net;

using var listener = new HttpListener();
listener.Prefixes.Add($"http://*:{args[0]}/");
listener.Start();
var context = await listener.GetContextAsync();
var body = """{"code":0}"""u8.ToArray();
context.Response.ContentType = "application/json";
context.Response.ContentLength64 = body.Length;
await context.Response.OutputStream.WriteAsync(body);
context.Response.Close();
