"""Kazakhstan's working-day calendar: weekends, public holidays, transfers of days off."""
