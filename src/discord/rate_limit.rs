//! Flood guards: at most `discord.rate_limit_per_minute` questions per user and
//! `discord.guild_rate_limit_per_minute` per server in any sliding minute, so neither one user
//! nor many at once can fill a channel with answers.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// Above this many tracked users, idle entries are swept so memory stays bounded.
const SWEEP_ABOVE: usize = 1024;

/// Sliding-window counter per user or server id; cheap enough to check on every message.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    seen: Mutex<HashMap<u64, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// `per_minute == 0` disables the limit, for private servers that do not need it.
    pub fn new(per_minute: u32) -> Self {
        Self { per_minute, seen: Mutex::new(HashMap::new()) }
    }

    /// Records a request by `user` now; false when it is over the limit (and is not counted).
    pub fn allow(&self, user: u64) -> bool {
        self.allow_at(user, Instant::now())
    }

    /// [`Self::allow`] with an explicit clock, so the window logic is testable.
    fn allow_at(&self, user: u64, now: Instant) -> bool {
        if self.per_minute == 0 {
            return true;
        }
        let mut seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.len() > SWEEP_ABOVE {
            seen.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        let times = seen.entry(user).or_default();
        while times.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
            times.pop_front();
        }
        if times.len() >= self.per_minute as usize {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_user_within_a_sliding_minute() {
        let limiter = RateLimiter::new(2);
        let t0 = Instant::now();
        assert!(limiter.allow_at(1, t0));
        assert!(limiter.allow_at(1, t0 + Duration::from_secs(10)));
        assert!(!limiter.allow_at(1, t0 + Duration::from_secs(20)));
        assert!(limiter.allow_at(2, t0 + Duration::from_secs(20)), "other users are unaffected");
        assert!(limiter.allow_at(1, t0 + Duration::from_secs(61)), "the oldest request expired");
        assert!(!limiter.allow_at(1, t0 + Duration::from_secs(62)));
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = RateLimiter::new(0);
        assert!((0..1000).all(|_| limiter.allow(7)));
    }

    #[test]
    fn idle_users_are_swept() {
        let limiter = RateLimiter::new(1);
        let t0 = Instant::now();
        for user in 0..=SWEEP_ABOVE as u64 {
            limiter.allow_at(user, t0);
        }
        limiter.allow_at(u64::MAX, t0 + WINDOW * 2);
        assert_eq!(limiter.seen.lock().unwrap().len(), 1);
    }
}
