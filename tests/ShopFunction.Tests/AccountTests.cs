using ShopFunction.Accounts;
using static ShopFunction.Tests.ShopHarness;

namespace ShopFunction.Tests;

/// <summary><c>user/register</c> and <c>user/login</c>: the name and password rules, the stored hash, sessions out of login.</summary>
public sealed class AccountTests : IAsyncLifetime
{
    private ShopHarness _shop = null!;

    public async Task InitializeAsync() => _shop = await StartAsync();

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task Login_AnswersASessionOfAtLeast128RandomBits_AndItsExpiry()
    {
        var name = Stores.UniqueName();
        AssertCode(0, await _shop.CallAsync(Event("user/register", ("name", name), ("password", "correct horse battery"))));

        var first = await _shop.CallAsync(Event("user/login", ("name", name), ("password", "correct horse battery")));
        var second = await _shop.CallAsync(Event("user/login", ("name", name.ToUpperInvariant()), ("password", "correct horse battery")));

        AssertCode(0, first);
        var sessionId = first.GetProperty("sessionId").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", sessionId); // 43 base64url characters = 256 bits
        Assert.NotEqual(sessionId, second.GetProperty("sessionId").GetString());
        Assert.Equal(Start.AddDays(1), first.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(["code", "sessionId", "expiresAt"], first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Register_StoresASaltedPbkdf2Hash_NeverThePassword()
    {
        var name = Stores.UniqueName();
        await _shop.SignUpAsync(name, "correct horse battery");
        await _shop.SignUpAsync(name + "x", "correct horse battery");

        var user = await _shop.Store.FindUserAsync(AccountRules.NameKey(name), CancellationToken.None);
        var other = await _shop.Store.FindUserAsync(AccountRules.NameKey(name + "x"), CancellationToken.None);

        Assert.NotNull(user);
        Assert.StartsWith("pbkdf2-sha256$1000$", user.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", user.PasswordHash, StringComparison.Ordinal);
        Assert.NotEqual(user.PasswordHash, other!.PasswordHash); // the same password, different salts
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("naïve")]
    [InlineData("a23456789012345678901234567890123")]
    [InlineData(null)]
    public async Task Register_NameBreakingTheRules_IsInvalidName(string? name)
    {
        var reply = await _shop.CallAsync(Event("user/register", ("name", name), ("password", "correct horse battery")));

        AssertCode(1001, reply);
        Assert.Contains("name must be 3 to 32 characters", reply.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("09876")] // the article's password: shorter than NIST's minimum of 8
    [InlineData("")]
    [InlineData(null)]
    public async Task Register_ShortOrMissingPassword_IsInvalidPassword(string? password)
        => AssertCode(1002, await _shop.CallAsync(Event("user/register", ("name", Stores.UniqueName()), ("password", password))));

    [Fact]
    public async Task Register_PasswordLongerThan128_IsInvalidPassword()
        => AssertCode(1002, await _shop.CallAsync(Event("user/register", ("name", Stores.UniqueName()), ("password", new string('p', 129)))));

    [Fact]
    public async Task Register_TakenName_IsABusinessError_WhateverTheCase()
    {
        var name = Stores.UniqueName("Tcb");
        await _shop.SignUpAsync(name);

        var again = await _shop.CallAsync(Event("user/register", ("name", name.ToLowerInvariant()), ("password", "another password")));

        AssertCode(1003, again);
        Assert.Equal($"the name '{name.ToLowerInvariant()}' is taken", again.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Login_UnknownNameAndWrongPassword_GetTheSameAnswer()
    {
        var name = Stores.UniqueName();
        await _shop.SignUpAsync(name, "correct horse battery");

        var wrongPassword = await _shop.InvokeAsync(Event("user/login", ("name", name), ("password", "wrong horse battery")));
        var unknownName = await _shop.InvokeAsync(Event("user/login", ("name", Stores.UniqueName()), ("password", "correct horse battery")));
        var missing = await _shop.InvokeAsync(Event("user/login"));

        Assert.Equal("""{"code":1004,"message":"wrong name or password"}""", wrongPassword.ToString());
        Assert.Equal(wrongPassword.ToString(), unknownName.ToString());
        Assert.Equal(wrongPassword.ToString(), missing.ToString());
    }

    [Fact]
    public async Task Register_NameOfTheWrongJsonType_IsInvalidRequest_AndTheNextEventIsServed()
    {
        var result = await _shop.InvokeAsync("""{ "$url": "user/register", "name": 42, "password": "correct horse battery" }""");

        Assert.Equal("InvalidRequest", result.ErrorType);
        Assert.Contains("$.name", result.ErrorMessage, StringComparison.Ordinal);
        await _shop.SignUpAsync();
    }
}
