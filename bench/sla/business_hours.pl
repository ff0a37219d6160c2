#!/usr/bin/perl
# Due times as Request Tracker's SLA code computes them (RT::SLA, RT::Action::SLA_SetDue): one
# Business::Hours object per call, business hours set from the configuration, then add_seconds.
# Reads "START_EPOCH SECONDS" lines on stdin, prints one due epoch per line. The zone is the
# process's TZ (RT uses the server's), so run it with TZ=Europe/Amsterdam.
use strict;
use warnings;
use Business::Hours;

my %hours = (
    0 => { Name => 'Sunday',    Start => undef,   End => undef },
    1 => { Name => 'Monday',    Start => '09:00', End => '17:00' },
    2 => { Name => 'Tuesday',   Start => '09:00', End => '17:00' },
    3 => { Name => 'Wednesday', Start => '09:00', End => '17:00' },
    4 => { Name => 'Thursday',  Start => '09:00', End => '17:00' },
    5 => { Name => 'Friday',    Start => '09:00', End => '17:00' },
    6 => { Name => 'Saturday',  Start => undef,   End => undef },
);

while (my $line = <STDIN>) {
    my ($start, $seconds) = split ' ', $line;
    my $bhours = Business::Hours->new;
    $bhours->business_hours(%hours);
    print $bhours->add_seconds($start, $seconds), "\n";
}
