using Beamtalk.Conformance.Timing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Beamtalk.Conformance.SelfTests.Unit.Timing;

/// <summary>The wrong values of each class have the shape the comparisons rely on, and are never the secret.</summary>
public sealed class TimingInputsTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly Gen<(string Secret, int Seed)> SecretAndSeed =
        Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Where(c => c.Length is >= 2 and <= 64).Select(c => new string(c))
            .Zip(Gen.Choose(0, int.MaxValue));

    [Property(MaxTest = 500)]
    public Property Every_class_has_its_shape_and_none_is_the_secret() =>
        Prop.ForAll(Arb.From(SecretAndSeed), c =>
        {
            var inputs = new TimingInputs(c.Secret, new Random(c.Seed));
            var zero = inputs.Next(TimingClass.ZeroShared);
            var allButLast = inputs.Next(TimingClass.AllButLast);
            var wrong = inputs.Next(TimingClass.WrongLength);
            return zero.Length == c.Secret.Length && zero[0] != c.Secret[0]
                && allButLast.Length == c.Secret.Length && allButLast[..^1] == c.Secret[..^1] && allButLast[^1] != c.Secret[^1]
                && Math.Abs(wrong.Length - c.Secret.Length) == 1 && wrong[0] != c.Secret[0];
        });

    [Fact]
    public void Wrong_lengths_are_shorter_and_longer_about_equally_often()
    {
        var inputs = new TimingInputs(new string('a', 43), new Random(5));
        var longer = Enumerable.Range(0, 2000).Count(_ => inputs.Next(TimingClass.WrongLength).Length == 44);
        Assert.InRange(longer, 900, 1100);
    }
}
