using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;

namespace Beamtalk.Conformance.Gate.Tests.Gate;

public sealed class SelectionTests
{
    private static IReadOnlyList<string> Resolve(string[] only, string[] skip, LevelFilter level = LevelFilter.All) =>
        [.. new RequirementSelection(only, skip, level).Resolve(RequirementCatalogue.All, PublishedIds.Current).Select(r => r.Id)];

    [Fact]
    public void Everything_is_the_whole_catalogue_in_order() =>
        Assert.Equal(RequirementCatalogue.All.Select(r => r.Id), Resolve([], []));

    [Fact]
    public void A_glob_selects_a_family() =>
        Assert.Equal(RequirementCatalogue.All.Where(r => r.Family == "NET").Select(r => r.Id), Resolve(["NET-*"], []));

    [Fact]
    public void Skip_removes_from_only_and_level_restricts()
    {
        var selected = Resolve(["NET-*", "AUTH-REJECT"], ["NET-UDS"], LevelFilter.Must);

        Assert.Contains("AUTH-REJECT", selected);
        Assert.DoesNotContain("NET-UDS", selected);
        Assert.DoesNotContain("NET-HOST", selected);
        Assert.All(selected, id => Assert.Equal(RequirementLevel.Must, RequirementCatalogue.All.Single(r => r.Id == id).Level));
    }

    [Fact]
    public void Matching_ignores_case_so_a_lower_case_glob_is_not_an_empty_run() =>
        Assert.Equal(Resolve(["NET-*"], []), Resolve(["net-*"], []));

    [Theory]
    [InlineData("NOPE-*")]
    [InlineData("NET-LOOPBAK")]
    [InlineData("NET_LOOPBACK")]
    [InlineData("")]
    public void A_pattern_matching_nothing_or_malformed_is_an_input_error(string pattern) =>
        Assert.Throws<GateInputException>(() => Resolve([pattern], []));

    [Fact]
    public void A_skip_pattern_matching_nothing_is_an_input_error_too() =>
        Assert.Throws<GateInputException>(() => Resolve([], ["NET-LOOPBAK"]));

    [Fact]
    public void Skipping_everything_is_an_input_error()
    {
        var error = Assert.Throws<GateInputException>(() => Resolve(["NET-LOOPBACK"], ["NET-*"]));

        Assert.Contains("leaves no requirement", error.Message, StringComparison.Ordinal);
    }
}
