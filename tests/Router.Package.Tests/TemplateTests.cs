namespace Router.Package.Tests;

/// <summary><c>dotnet new routerfunction</c> from the packed Router.Templates: it builds and its tests pass.</summary>
[Collection(PackedFeedCollection.Name)]
public class TemplateTests(PackedFeed feed)
{
    [Fact]
    public void TheTemplate_InstantiatesAndBuilds_AndItsTestsPass()
    {
        var directory = feed.NewConsumerDirectory("template");
        // A private template hive, so the machine's own `dotnet new` list is left untouched.
        var hive = Path.Combine(feed.Root, "hive");
        Dotnet.Run(directory, "new", "install", feed.PackagePath("Router.Templates"), "--debug:custom-hive", hive)
            .EnsureSuccess("dotnet new install");
        Dotnet.Run(directory, "new", "routerfunction", "-n", "Demo", "-o", "Demo", "--RouterVersion", feed.Version, "--debug:custom-hive", hive)
            .EnsureSuccess("dotnet new routerfunction");

        var created = Path.Combine(directory, "Demo");
        Assert.True(File.Exists(Path.Combine(created, "Demo", "Demo.csproj")));
        Assert.True(File.Exists(Path.Combine(created, "Demo", "events", "hello-greet.json")));
        Assert.True(File.Exists(Path.Combine(created, "Demo", "Properties", "PublishProfiles", "NativeAot.pubxml")));
        // The supported .NET by default, and no roll-forward workaround.
        foreach (var project in new[] { Path.Combine("Demo", "Demo.csproj"), Path.Combine("Demo.Tests", "Demo.Tests.csproj") })
        {
            var text = File.ReadAllText(Path.Combine(created, project));
            Assert.Contains("<TargetFramework>net10.0</TargetFramework>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("RollForward", text, StringComparison.Ordinal);
        }

        foreach (var file in Directory.EnumerateFiles(created, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("FRAMEWORK_TFM", text, StringComparison.Ordinal);
            Assert.DoesNotContain("ROUTER_PACKAGE_VERSION", text, StringComparison.Ordinal);
            Assert.DoesNotContain("RouterFunction", text, StringComparison.Ordinal);
        }

        // What the template says of itself: serve's port is the host's, and its log goes through the
        // invocation's logger, not the console.
        Assert.Contains("localhost:9000", // FunctionHost.DefaultServePort
            File.ReadAllText(Path.Combine(created, "Demo", "Program.cs")), StringComparison.Ordinal);
        Assert.DoesNotContain("Console.", File.ReadAllText(Path.Combine(created, "Demo", "Middleware", "RequestLog.cs")), StringComparison.Ordinal);

        // A user adds a route: the template's own tests must still pass.
        File.WriteAllText(Path.Combine(created, "Demo", "Handlers", "ExtraHandlers.cs"), """
            using Router;

            namespace Demo;

            public static class ExtraHandlers
            {
                [Route("hello/ping")]
                public static GreetReply Ping() => new(0, "pong");
            }
            """);

        // `cd MyFunction && dotnet test`, as the README says: the template's solution makes it work.
        Assert.True(File.Exists(Path.Combine(created, "Demo.slnx")));
        var test = Dotnet.Run(created, TimeSpan.FromMinutes(8), "test");
        test.EnsureSuccess("dotnet test in the new function's folder");
        Assert.Matches(@"Passed:\s+4\b", test.Output);

        var invoke = Dotnet.Run(created, "run", "--project", "Demo", "--", "invoke", "@" + Path.Combine("Demo", "events", "hello-greet.json"))
            .EnsureSuccess("invoke of the new function");
        Assert.Contains("""{"code":0,"message":"hello, tcb"}""", invoke.Output, StringComparison.Ordinal);

        // The publish profile: a NativeAOT `bootstrap` of the net10.0 default, with no trim or AOT warning
        // (MSBuild writes each one as "file(line): warning CODE: ..."); with the glibc sysroot CI makes,
        // no RTR100 either: the package links it against glibc 2.28.
        var publish = Dotnet.Run(created, TimeSpan.FromMinutes(8), "publish", "Demo", "-p:PublishProfile=NativeAot").EnsureSuccess("dotnet publish with the NativeAot profile");
        var sysroot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "router-serverless", "sysroot", "bullseye-amd64");
        if (Directory.Exists(sysroot))
        {
            Assert.DoesNotContain(": warning ", publish.Output, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.DoesNotContain(publish.Output.Split('\n'), line => line.Contains(": warning ", StringComparison.OrdinalIgnoreCase) && !line.Contains("RTR100", StringComparison.Ordinal));
        }

        var folder = Path.Combine(created, "Demo", "bin", "publish");
        var bootstrap = Path.Combine(folder, "bootstrap");
        Assert.True(File.Exists(bootstrap), publish.Output);
        // The package's link for the fastest start: a fixed-address executable, ELF e_type (bytes 16-17,
        // little-endian) ET_EXEC = 2, where the SDK's default position-independent one is ET_DYN = 3.
        var header = new byte[18];
        using (var stream = File.OpenRead(bootstrap))
        {
            stream.ReadExactly(header);
        }

        Assert.Equal(2, header[16] | header[17] << 8);
        // Only what deploys: bootstrap, function.zip and the events the project copies; no .dbg, .pdb or .xml.
        Assert.DoesNotContain(Directory.EnumerateFiles(folder).Select(Path.GetFileName), f => f is not ("bootstrap" or "function.zip"));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(folder, "function.zip")))
        {
            var entry = Assert.Single(zip.Entries);
            Assert.Equal("bootstrap", entry.FullName);
            Assert.Equal(Convert.ToInt32("100755", 8), (entry.ExternalAttributes >> 16) & 0xFFFF);
        }

        // The start-up methods first (docs/performance.md, "Start-up code in one place"): ILCompiler was handed
        // the order file from the package itself, not from this repository.
        var ilcArguments = File.ReadAllText(Path.Combine(created, "Demo", "obj", "Release", "net10.0", "linux-x64", "native", "Demo.ilc.rsp"));
        Assert.Contains("--method-layout:explicit", ilcArguments, StringComparison.Ordinal);
        var order = Assert.Single(ilcArguments.Split('\n'), line => line.StartsWith("--order:", StringComparison.Ordinal)).Trim()["--order:".Length..];
        // NuGet imports the package's buildTransitive/ copy of the targets (build/ holds the same files).
        Assert.Matches(@"[/\\](?i:router\.serverless)[/\\][^/\\]+[/\\]build(Transitive)?[/\\]Router\.StartupOrder\.txt$", order);
        Assert.DoesNotContain(Path.Combine(feed.RepositoryRoot, "src"), order, StringComparison.Ordinal);
        Assert.True(File.ReadLines(order).Count() > 1_000, order);
        // A project's own order file that does not exist is a clear error, not an ILCompiler crash.
        var missingOrder = Dotnet.Run(created, TimeSpan.FromMinutes(8), "publish", "Demo", "-p:PublishProfile=NativeAot", "-p:RouterStartupOrderFile=missing-order.txt");
        Assert.NotEqual(0, missingOrder.ExitCode);
        Assert.Contains("RTR102", missingOrder.Output, StringComparison.Ordinal);
        Assert.Contains("missing-order.txt", missingOrder.Output, StringComparison.Ordinal);

        var native = Dotnet.RunExecutable(bootstrap, created, "invoke", "@" + Path.Combine("Demo", "events", "hello-greet.json")).EnsureSuccess("the native bootstrap");
        Assert.Contains("""{"code":0,"message":"hello, tcb"}""", native.Output, StringComparison.Ordinal);
        var manifest = Dotnet.RunExecutable(bootstrap, created, "manifest", "fc", "--out", folder).EnsureSuccess("bootstrap manifest fc");
        Assert.Contains("s.yaml", manifest.Output, StringComparison.Ordinal);
        Assert.Contains("functionName: \"demo\"", File.ReadAllText(Path.Combine(folder, "s.yaml")), StringComparison.Ordinal);
    }
}
