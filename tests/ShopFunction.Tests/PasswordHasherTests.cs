using ShopFunction.Accounts;

namespace ShopFunction.Tests;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher _hasher = new(iterations: 1000);

    [Fact]
    public void Verify_TheHashedPassword_IsTrue_AnyOtherIsFalse()
    {
        var stored = _hasher.Hash("correct horse battery");

        Assert.True(_hasher.Verify("correct horse battery", stored));
        Assert.False(_hasher.Verify("correct horse batterY", stored));
        Assert.False(_hasher.Verify("", stored));
    }

    [Fact]
    public void Hash_SaltsEveryHash_AndRecordsTheCost()
    {
        var first = _hasher.Hash("correct horse battery").Split('$');
        var second = _hasher.Hash("correct horse battery").Split('$');

        Assert.Equal(["pbkdf2-sha256", "1000"], first[..2]);
        Assert.Equal(16, Convert.FromBase64String(first[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(first[3]).Length);
        Assert.NotEqual(first[2], second[2]);
        Assert.NotEqual(first[3], second[3]);
    }

    [Fact]
    public void Verify_UsesTheStoredCost_SoRaisingTheDefaultKeepsOldHashesValid()
    {
        var stored = _hasher.Hash("correct horse battery");

        Assert.True(new PasswordHasher(iterations: 2000).Verify("correct horse battery", stored));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("pbkdf2-sha256$1000$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha256$x$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("md5$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    public void Verify_AMissingOrMalformedHash_NeverMatches(string? stored)
        => Assert.False(_hasher.Verify("correct horse battery", stored));

    [Fact]
    public void Verify_ATamperedHash_DoesNotMatch()
    {
        var parts = _hasher.Hash("correct horse battery").Split('$');
        var hash = Convert.FromBase64String(parts[3]);
        hash[^1] ^= 1;

        Assert.False(_hasher.Verify("correct horse battery", string.Join('$', parts[0], parts[1], parts[2], Convert.ToBase64String(hash))));
    }
}
