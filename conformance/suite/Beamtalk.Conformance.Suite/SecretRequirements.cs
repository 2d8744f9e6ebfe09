using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class SecretRequirements : RequirementTest
{
    [Fact, Requirement("SECRET-FILE-MODE")]
    public Task Cookie_and_folder_are_owner_only_under_umask_000() => VerifyAsync(SecretFileChecks.CookieIsPrivateAsync);

    [Fact, Requirement("SECRET-ENTROPY")]
    public Task Cookies_carry_256_random_bits() => VerifyAsync(CookieQualityChecks.CookiesCarry256RandomBitsAsync);

    [Fact, Requirement("SECRET-TIGHTEN")]
    public Task A_cookie_others_can_read_is_tightened_or_refused() => VerifyAsync(CookieQualityChecks.BroadCookieIsTightenedOrRefusedAsync);

    [Fact, Requirement("SECRET-ATOMIC")]
    public Task Concurrent_starts_give_one_server_and_one_cookie() => VerifyAsync(CookieQualityChecks.ConcurrentStartsAgreeOnOneCookieAsync);

    [Fact, Requirement("SECRET-ATOMIC")]
    public Task The_cookie_file_comes_into_place_whole() => VerifyAsync(CookieQualityChecks.CookieAppearsWholeAsync);

    [Fact, Requirement("SECRET-OTHER-USER")]
    public Task Another_os_user_cannot_read_the_cookie() => VerifyAsync(OtherUserChecks.AnotherUserCannotUseTheCookieAsync);

    [Fact, Requirement("SECRET-ROTATE")]
    public Task Rotation_retires_the_old_cookie() => VerifyAsync(RotationChecks.RotationRetiresTheOldCookieAsync);

    [Fact, Requirement("SECRET-NO-LEAK")]
    public Task Cookie_never_appears_in_any_output() => VerifyAsync(SecretLeakChecks.CookieNeverLeaksAsync);

    [Fact, Requirement("SECRET-NO-ARGV")]
    public Task Cookie_is_on_no_command_line_of_the_process_tree() => VerifyAsync(ProcessSecretChecks.CookieNeverOnACommandLineAsync);

    [Fact, Requirement("SECRET-NO-ENV")]
    public Task Cookie_is_in_no_environment_of_the_process_tree() => VerifyAsync(ProcessSecretChecks.CookieNeverInAnEnvironmentAsync);
}
