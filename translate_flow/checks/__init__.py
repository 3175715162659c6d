"""Quality checks: findings on a translated segment that a translator or reviewer should see."""
