//! Who may run admin commands: the one place that decides, so `/reindex` and any future admin
//! command cannot disagree.
//!
//! Discord already hides admin commands from members without Manage Server (they are
//! registered with that default permission), but server owners can override that in the
//! integration settings; this run-time check against `discord.admin_user_ids` and
//! `discord.admin_role_ids` is the one that counts.

use poise::serenity_prelude::{RoleId, UserId};

use super::Context;
use crate::config::DiscordSettings;

/// Whether `user` with `roles` is configured as an admin.
fn is_admin(settings: &DiscordSettings, user: UserId, roles: &[RoleId]) -> bool {
    settings.admin_user_ids.contains(&user.get())
        || roles.iter().any(|role| settings.admin_role_ids.contains(&role.get()))
}

/// [`is_admin`] for the author of a command; roles come from the interaction itself (no API
/// call), and are empty in direct messages.
pub async fn author_is_admin(ctx: Context<'_>) -> bool {
    let roles = ctx.author_member().await.map(|m| m.roles.clone()).unwrap_or_default();
    is_admin(ctx.data().settings(), ctx.author().id, &roles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    #[test]
    fn admins_are_listed_users_or_holders_of_listed_roles() {
        let mut settings = Settings::defaults().unwrap().discord;
        settings.admin_user_ids = vec![1];
        settings.admin_role_ids = vec![10];
        assert!(is_admin(&settings, UserId::new(1), &[]));
        assert!(is_admin(&settings, UserId::new(2), &[RoleId::new(5), RoleId::new(10)]));
        assert!(!is_admin(&settings, UserId::new(2), &[RoleId::new(5)]));
        settings.admin_user_ids.clear();
        settings.admin_role_ids.clear();
        assert!(!is_admin(&settings, UserId::new(1), &[]), "nobody is an admin by default");
    }
}
