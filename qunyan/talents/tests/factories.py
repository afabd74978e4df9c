"""Outside talents and outreach contacts for tests."""

TALENT_HEADER = ("公民身份号码", "务工经商地", "从事行业", "返乡日期", "返乡创业日期", "创业项目")
OUTREACH_HEADER = ("日期", "方式", "公民身份号码", "时机", "情况记录")
