"""What reads a published output: the report, exports, review sheets and evaluation against gold."""
