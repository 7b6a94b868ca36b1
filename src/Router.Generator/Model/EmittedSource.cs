namespace Router.Generator.Model;

/// <summary>One generated file. Equality: by value, so an unchanged model's output stays cached.</summary>
public sealed record EmittedSource(string HintName, string Text);
