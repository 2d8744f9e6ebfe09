using System.Text.Json.Nodes;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using static Beamtalk.Conformance.SelfTests.Unit.Samples;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class ResultsJsonTests
{
    private const string Source = "artifacts/conformance/results.json";

    private static JsonObject SampleJson() => JsonNode.Parse(ResultsJson.Serialize(OneOfEachVerdict()))!.AsObject();

    [Fact]
    public void Results_survive_a_round_trip()
    {
        var original = OneOfEachVerdict();

        var read = ResultsJson.Deserialize(ResultsJson.Serialize(original), Source);

        Assert.Equal(original.SchemaVersion, read.SchemaVersion);
        Assert.Equal(original.Target, read.Target);
        Assert.Equal(original.Run, read.Run);
        Assert.Equal(original.Requirements.Count, read.Requirements.Count);
        foreach (var (expected, actual) in original.Requirements.Zip(read.Requirements))
        {
            Assert.Equal(expected with { Tests = [], Principles = [] }, actual with { Tests = [], Principles = [] });
            Assert.Equal(expected.Tests, actual.Tests);
            Assert.Equal(expected.Principles, actual.Principles);
        }

        Assert.Equal(ResultsJson.Serialize(original), ResultsJson.Serialize(read));
    }

    [Fact]
    public void A_missing_test_message_and_target_file_survive_a_round_trip()
    {
        var original = ResultsOf(Result("NET-ONE", RequirementLevel.Must, Verdict.Fail, "x", Test(TestOutcome.Failed, message: null))) with
        {
            Target = new TargetInfo("t", "d", null),
        };

        var read = ResultsJson.Deserialize(ResultsJson.Serialize(original), Source);

        Assert.Null(read.Target.TargetFile);
        Assert.Null(Assert.Single(Assert.Single(read.Requirements).Tests).Message);
    }

    [Theory]
    [InlineData(Verdict.Pass, "pass")]
    [InlineData(Verdict.NonStrict, "non-strict")]
    [InlineData(Verdict.Fail, "fail")]
    [InlineData(Verdict.Caveat, "caveat")]
    [InlineData(Verdict.Inconclusive, "inconclusive")]
    [InlineData(Verdict.Missing, "missing")]
    [InlineData(Verdict.AcceptedRisk, "accepted-risk")]
    public void Verdicts_are_written_in_kebab_case(Verdict verdict, string expected)
    {
        var json = JsonNode.Parse(ResultsJson.Serialize(ResultsOf(Result("NET-ONE", RequirementLevel.Must, verdict))))!;

        Assert.Equal(expected, json["requirements"]![0]!["verdict"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(TestOutcome.Passed, "passed")]
    [InlineData(TestOutcome.Failed, "failed")]
    [InlineData(TestOutcome.Skipped, "skipped")]
    [InlineData(TestOutcome.Missing, "missing")]
    [InlineData(TestOutcome.Inconclusive, "inconclusive")]
    [InlineData(TestOutcome.NotRun, "not-run")]
    [InlineData(TestOutcome.Errored, "errored")]
    public void Test_outcomes_are_written_in_kebab_case(TestOutcome outcome, string expected)
    {
        var json = JsonNode.Parse(ResultsJson.Serialize(ResultsOf(Result("NET-ONE", RequirementLevel.Must, Verdict.Fail, "x", Test(outcome)))))!;

        Assert.Equal(expected, json["requirements"]![0]!["tests"]![0]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void Levels_and_property_names_are_lower_case()
    {
        var json = SampleJson();

        Assert.Equal(ConformanceResults.CurrentSchemaVersion, json["schemaVersion"]!.GetValue<int>());
        Assert.Equal("should", json["requirements"]![1]!["level"]!.GetValue<string>());
        Assert.Equal("caveat", json["requirements"]![3]!["level"]!.GetValue<string>());
        Assert.Equal("sample-target", json["target"]!["name"]!.GetValue<string>());
        Assert.Equal("1.2.3", json["run"]!["kitVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Another_schema_version_is_refused_naming_the_source(int version)
    {
        var json = SampleJson();
        json["schemaVersion"] = version;

        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize(json.ToJsonString(), Source));

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"version {version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_schema_version_is_refused()
    {
        var json = SampleJson();
        json.Remove("schemaVersion");

        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize(json.ToJsonString(), Source));

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("target")]
    [InlineData("run")]
    [InlineData("requirements")]
    public void A_missing_section_is_refused_naming_the_source(string section)
    {
        var json = SampleJson();
        json.Remove(section);

        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize(json.ToJsonString(), Source));

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("not json at all")]
    [InlineData("{\"schemaVersion\": \"one\"}")]
    public void Text_that_is_not_a_results_file_is_refused_naming_the_source(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize(text, Source));

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"maybe\"")]
    [InlineData("2")]
    public void A_verdict_that_is_not_one_of_the_kebab_case_names_is_refused(string verdict)
    {
        var text = ResultsJson.Serialize(ResultsOf(Result("NET-ONE", RequirementLevel.Must, Verdict.Pass)))
            .Replace("\"verdict\": \"pass\"", $"\"verdict\": {verdict}", StringComparison.Ordinal);
        Assert.Contains($"\"verdict\": {verdict}", text, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize(text, Source));

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_the_file_it_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"results-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"schemaVersion\": 1 }");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Load(path));

            Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
