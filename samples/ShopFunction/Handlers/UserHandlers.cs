using System.Security.Cryptography;
using Router;
using ShopFunction.Accounts;
using ShopFunction.Errors;
using ShopFunction.Sessions;
using ShopFunction.Storage;

namespace ShopFunction.Handlers;

/// <summary>
/// <c>user/register</c> and <c>user/login</c>. An instance handler: generated code creates it per
/// invocation, with its constructor arguments from the invocation's services (<see cref="ShopServices"/>).
/// </summary>
[Route("user")]
internal sealed class UserHandlers(IShopStore store, PasswordHasher hasher, TimeProvider time, SessionIssuer sessions)
{
    /// <summary>Creates an account; the password is kept only as a salted PBKDF2 hash.</summary>
    [Route("register", Methods = "POST")]
    public async Task<Reply> Register(Credentials request, CancellationToken cancellationToken)
    {
        AccountRules.Validate(request.Name, request.Password);
        var user = new UserRecord(
            "u_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            request.Name!,
            AccountRules.NameKey(request.Name!),
            hasher.Hash(request.Password!),
            time.GetUtcNow());

        return await store.TryCreateUserAsync(user, cancellationToken)
            ? Reply.Ok("register success")
            : throw new ShopError(ShopErrorCodes.NameTaken, $"the name '{request.Name}' is taken");
    }

    /// <summary>
    /// Trades a name and password for a session id. An unknown name and a wrong password get the same
    /// error after the same work (<see cref="PasswordHasher.Verify"/>), so the answer does not reveal
    /// which names exist.
    /// </summary>
    [Route("login", Methods = "POST")]
    public async Task<LoginReply> Login(Credentials request, CancellationToken cancellationToken)
    {
        var user = request.Name is { Length: > 0 and <= AccountRules.MaxNameLength } name
            ? await store.FindUserAsync(AccountRules.NameKey(name), cancellationToken)
            : null;
        if (user is { PasswordHash.Length: 0 })
        {
            // A platform account (session/create) has no password: refused after the same work as an unknown name.
            user = null;
        }

        if (!hasher.Verify(request.Password ?? "", user?.PasswordHash) || user is null)
        {
            throw new ShopError(ShopErrorCodes.LoginFailed, "wrong name or password");
        }

        return await sessions.StartAsync(user, cancellationToken);
    }
}
