namespace PatentNav.Core.Query;

/// <summary>The searchable fields, named after CNIPA field codes (docs/architecture.md, fields).</summary>
public enum SearchField
{
    /// <summary>KW: title + abstract + claims (the default for bare words).</summary>
    Keywords = 0,
    /// <summary>TI</summary>
    Title,
    /// <summary>AB</summary>
    Abstract,
    /// <summary>CL</summary>
    Claims,
    /// <summary>DE</summary>
    Description,
    /// <summary>TX: every text field.</summary>
    AllText,
    /// <summary>PA: applicant (normalised name).</summary>
    Applicant,
    /// <summary>IN</summary>
    Inventor,
    /// <summary>AN: application number.</summary>
    ApplicationNumber,
    /// <summary>PN: publication number.</summary>
    PublicationNumber,
    /// <summary>AD</summary>
    ApplicationDate,
    /// <summary>PD</summary>
    PublicationDate,
    /// <summary>IPC: any IPC symbol, prefix semantics across levels.</summary>
    Ipc,
    /// <summary>MIPC: main IPC, prefix semantics.</summary>
    MainIpc,
    /// <summary>CO: province/city/county code.</summary>
    RegionCode,
    /// <summary>ADDR</summary>
    Address,
    /// <summary>TYPE: invention, utility model, design.</summary>
    Type,
    /// <summary>LS: legal state.</summary>
    LegalStatus,
    /// <summary>PNC: the publishing office (incoPat's 公开国别 code): CN, US, WO …</summary>
    Office,
    /// <summary>APT: the kind of applicant (申请人类型): 企业, 大专院校, 科研单位, 医疗机构, 机关团体, 个人, 其他.</summary>
    ApplicantKind,
    /// <summary>Synthetic benchmark records (value <c>true</c>); no field code: reports use it to label synthetic data.</summary>
    Synthetic,
}
