"""Reminders: which deliveries a case's deadlines call for and when, on the working-day
calendar, with their Chinese texts (报备+提醒+反馈+补救).
"""
